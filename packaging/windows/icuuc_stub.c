/* Test-environment stand-in for Windows' system icuuc.dll, for Wine only; never shipped.
 *
 * Qt 6 on Windows links Qt6Core.dll against the ICU that Windows 10 (1903+) and 11 carry
 * as C:\Windows\System32\icuuc.dll. Wine has no such DLL, so Qt6Core cannot load there.
 * Qt uses these converter functions only for named codecs beyond its built-in UTF-8/16/32
 * and Latin-1, so "no ICU converters available" is an honest answer: ucnv_open fails, the
 * lists are empty. Built by packaging/build_windows.py with mingw-w64 into the Wine prefix.
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4

typedef int UErrorCode;

EXPORT void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
    return NULL;
}

EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name;
    (void)standard;
    (void)err;
    return NULL;
}

/* Never reached without an open converter; present so the imports resolve. */
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT void ucnv_reset(void *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const void *c, UErrorCode *err) { (void)c; (void)err; return NULL; }
EXPORT void ucnv_getToUCallBack(const void *c, void **cb, const void **ctx) { (void)c; *cb = NULL; *ctx = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *c, void **cb, const void **ctx) { (void)c; *cb = NULL; *ctx = NULL; }
EXPORT void ucnv_setToUCallBack(void *c, void *cb, const void *ctx, void **old, const void **oldctx, UErrorCode *err) { (void)c; (void)cb; (void)ctx; (void)old; (void)oldctx; if (err) *err = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_setFromUCallBack(void *c, void *cb, const void *ctx, void **old, const void **oldctx, UErrorCode *err) { (void)c; (void)cb; (void)ctx; (void)old; (void)oldctx; if (err) *err = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *err) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; if (err) *err = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *err) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; if (err) *err = U_FILE_ACCESS_ERROR; }
EXPORT int32_t ucnv_toUCountPending(const void *c, UErrorCode *err) { (void)c; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *c, UErrorCode *err) { (void)c; (void)err; return 0; }
EXPORT void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t l, int32_t o, UErrorCode *err) { (void)a; (void)s; (void)l; (void)o; (void)err; }
EXPORT void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *sl, int32_t o, UErrorCode *err) { (void)a; (void)s; (void)sl; (void)o; (void)err; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *ctx, void *a, const void *u, int32_t l, int32_t cp, int r, UErrorCode *err) { (void)ctx; (void)a; (void)u; (void)l; (void)cp; (void)r; (void)err; }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *ctx, void *a, const char *b, int32_t l, int r, UErrorCode *err) { (void)ctx; (void)a; (void)b; (void)l; (void)r; (void)err; }
