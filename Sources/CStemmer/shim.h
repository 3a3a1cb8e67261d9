// Snowball stemmers from Debian's libstemmer-dev. No pkg-config file exists, so the header is found
// on the default include path (/usr/include/libstemmer.h).
#include <libstemmer.h>
