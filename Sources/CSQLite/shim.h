#ifndef TRANSBORDER_CSQLITE_SHIM_H
#define TRANSBORDER_CSQLITE_SHIM_H
#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call: one fixed-signature wrapper
   for the boolean options (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, ...). */
static inline int transborder_sqlite3_db_config_flag(sqlite3 *db, int option, int value) {
    return sqlite3_db_config(db, option, value, (int *)0);
}
#endif
