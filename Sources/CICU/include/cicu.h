// A small C shim over ICU (Debian libicu-dev). The header exposes no ICU types on purpose:
// Foundation on Linux carries its own ICU, and a Swift module that sees both fails to build
// (see ../shared/notes/swift-here.md). Every function takes UTF-16 buffers owned by the caller.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Rule-status classes of a word segment, as ICU's UWordBreak ranges report them.
enum {
    CICU_WORD_NONE = 0,     ///< spaces, punctuation, symbols
    CICU_WORD_NUMBER = 1,   ///< digits
    CICU_WORD_LETTER = 2,   ///< letters (alphabetic scripts, Hangul)
    CICU_WORD_KANA = 3,     ///< Japanese kana
    CICU_WORD_IDEO = 4      ///< ideographs (found by ICU's dictionary breaking)
};

/// An ICU word-break iterator (UAX #29 plus ICU's dictionaries for Thai, Lao, Khmer, Burmese, CJK).
/// Not thread-safe: use one per thread.
typedef struct cicu_word_breaker cicu_word_breaker;

cicu_word_breaker *cicu_word_breaker_open(const char *locale, int32_t *error);
void cicu_word_breaker_close(cicu_word_breaker *breaker);

/// Splits `text` into segments between word boundaries. For segment i writes its UTF-16 start and end
/// offsets and its class (CICU_WORD_*). Returns the number of segments written; when there are more
/// than `capacity`, returns the total needed (negated) and writes nothing useful.
int32_t cicu_word_breaker_split(cicu_word_breaker *breaker, const uint16_t *text, int32_t length,
                                int32_t *starts, int32_t *ends, uint8_t *classes, int32_t capacity,
                                int32_t *error);

/// NFKC with full case folding (ICU's `nfkc_cf`). Returns the length written to `dest`, or the
/// length needed when `capacity` is too small (then *error is the ICU buffer-overflow code, > 0).
int32_t cicu_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                           int32_t *error);

/// Folds accents and Latin letter variants (é→e, ż→z, ł→l, ß→ss, ø→o) in Latin, Greek and Cyrillic
/// text; other scripts pass through. Not thread-safe: use one per thread.
typedef struct cicu_folder cicu_folder;

cicu_folder *cicu_folder_open(int32_t *error);
void cicu_folder_close(cicu_folder *folder);
/// Folds `text` in place. `length` is the text length, `capacity` the buffer size (folding may grow
/// the text, e.g. ß→ss). Returns the new length, or a negative number when the buffer is too small.
int32_t cicu_folder_fold(cicu_folder *folder, uint16_t *text, int32_t length, int32_t capacity,
                         int32_t *error);

/// A collator for a locale (e.g. "en_GB"), for ordering names alphabetically. Thread-safe for
/// sort-key generation after opening.
typedef struct cicu_collator cicu_collator;

cicu_collator *cicu_collator_open(const char *locale, int32_t *error);
void cicu_collator_close(cicu_collator *collator);
/// Writes the collation sort key of `text` (a NUL-terminated byte string) into `dest`. Returns its
/// length including the terminating NUL, or the length needed when `capacity` is too small.
int32_t cicu_collator_sort_key(const cicu_collator *collator, const uint16_t *text, int32_t length,
                               uint8_t *dest, int32_t capacity);

/// Whether an ICU status code is a failure, and its symbolic name.
int cicu_failed(int32_t error);
const char *cicu_error_name(int32_t error);

/// ICU's version ("72.1") and the Unicode version it implements ("15.0"), written into `dest`.
void cicu_versions(char *icu, char *unicode, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
