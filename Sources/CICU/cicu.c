// ICU calls live here, in C, where ICU's renaming macros map `ubrk_open` to Debian's versioned
// symbols (`ubrk_open_72`).
#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

struct cicu_word_breaker { UBreakIterator *it; };
struct cicu_folder { UTransliterator *trans; };
struct cicu_collator { UCollator *coll; };

cicu_word_breaker *cicu_word_breaker_open(const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return NULL;
    cicu_word_breaker *b = malloc(sizeof *b);
    if (!b) { ubrk_close(it); *error = (int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    b->it = it;
    return b;
}

void cicu_word_breaker_close(cicu_word_breaker *b) {
    if (!b) return;
    ubrk_close(b->it);
    free(b);
}

static uint8_t word_class(int32_t status) {
    if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT) return CICU_WORD_IDEO;
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT) return CICU_WORD_KANA;
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return CICU_WORD_LETTER;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return CICU_WORD_NUMBER;
    return CICU_WORD_NONE;
}

int32_t cicu_word_breaker_split(cicu_word_breaker *b, const uint16_t *text, int32_t length,
                                int32_t *starts, int32_t *ends, uint8_t *classes, int32_t capacity,
                                int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(b->it, (const UChar *)text, length, &status);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return 0;
    int32_t count = 0;
    int32_t start = ubrk_first(b->it);
    for (int32_t end = ubrk_next(b->it); end != UBRK_DONE; start = end, end = ubrk_next(b->it)) {
        if (count < capacity) {
            starts[count] = start;
            ends[count] = end;
            classes[count] = word_class(ubrk_getRuleStatus(b->it));
        }
        count++;
    }
    // Detach the iterator from the caller's buffer.
    ubrk_setText(b->it, (const UChar *)u"", 0, &status);
    return count <= capacity ? count : -count;
}

int32_t cicu_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                           int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) { *error = (int32_t)status; return 0; }
    int32_t n_out = unorm2_normalize(n, (const UChar *)src, length, (UChar *)dest, capacity, &status);
    *error = (int32_t)status;
    return n_out;
}

// Accents are removed only from Latin, Greek and Cyrillic letters (the combining diacritics block);
// marks that are part of other scripts' spelling (Arabic harakat, Indic vowel signs) are kept.
// Latin-ASCII then maps letters with no decomposition (ł, ø, đ, ß, æ) to their ASCII spelling.
static const char *FOLD_RULES =
    ":: [[:Latin:][:Greek:][:Cyrillic:][\\u0300-\\u036F]] ;"
    ":: NFD ;"
    ":: [\\u0300-\\u036F] Remove ;"
    ":: NFC ;"
    ":: Latin-ASCII ;";

cicu_folder *cicu_folder_open(int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UChar rules[512];
    u_uastrncpy(rules, FOLD_RULES, 511);
    rules[511] = 0;
    UParseError perr;
    UTransliterator *t = utrans_openU((const UChar *)u"signpost-fold", -1, UTRANS_FORWARD, rules, -1,
                                      &perr, &status);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return NULL;
    cicu_folder *f = malloc(sizeof *f);
    if (!f) { utrans_close(t); *error = (int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    f->trans = t;
    return f;
}

void cicu_folder_close(cicu_folder *f) {
    if (!f) return;
    utrans_close(f->trans);
    free(f);
}

int32_t cicu_folder_fold(cicu_folder *f, uint16_t *text, int32_t length, int32_t capacity,
                         int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(f->trans, (UChar *)text, &textLength, capacity, 0, &limit, &status);
    *error = (int32_t)status;
    if (status == U_BUFFER_OVERFLOW_ERROR) return -1;
    if (U_FAILURE(status)) return -1;
    return textLength;
}

cicu_collator *cicu_collator_open(const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UCollator *c = ucol_open(locale, &status);
    *error = (int32_t)status;
    if (U_FAILURE(status)) return NULL;
    cicu_collator *w = malloc(sizeof *w);
    if (!w) { ucol_close(c); *error = (int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    w->coll = c;
    return w;
}

void cicu_collator_close(cicu_collator *c) {
    if (!c) return;
    ucol_close(c->coll);
    free(c);
}

int32_t cicu_collator_sort_key(const cicu_collator *c, const uint16_t *text, int32_t length,
                               uint8_t *dest, int32_t capacity) {
    return ucol_getSortKey(c->coll, (const UChar *)text, length, dest, capacity);
}

int cicu_failed(int32_t error) { return U_FAILURE((UErrorCode)error) ? 1 : 0; }

const char *cicu_error_name(int32_t error) { return u_errorName((UErrorCode)error); }

void cicu_versions(char *icu, char *unicode, int32_t capacity) {
    UVersionInfo v;
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v);
    u_versionToString(v, buf);
    strncpy(icu, buf, (size_t)capacity - 1);
    icu[capacity - 1] = 0;
    u_getUnicodeVersion(v);
    u_versionToString(v, buf);
    strncpy(unicode, buf, (size_t)capacity - 1);
    unicode[capacity - 1] = 0;
}
