// zlib from Debian's zlib1g-dev (already needed by ZIPFoundation), for its CRC-32: about five times
// faster than a table-driven Swift loop, which was most of the time spent saving and checking a large
// snapshot. The module is named for this package so that it cannot clash with ZIPFoundation's (target `CZLib`, module `CZlib`).
#include <zlib.h>
