#ifndef TRANSBORDER_CZEROMQ_SHIM_H
#define TRANSBORDER_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
