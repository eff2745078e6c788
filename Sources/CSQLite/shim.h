#ifndef TRANSBORDER_CSQLITE_SHIM_H
#define TRANSBORDER_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
