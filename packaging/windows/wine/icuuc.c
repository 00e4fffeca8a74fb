/* Stand-in for Windows' own icuuc.dll, for the Wine TEST PREFIX ONLY: never shipped.
 *
 * Qt 6's Qt6Core.dll links to the ICU that Windows 10 (1903+) carries in system32; Wine 8
 * has none, so Qt6Core.dll would not load. These are the 20 ucnv_* entry points Qt6Core
 * imports. ucnv_open reports that no converter exists, so Qt falls back to its own UTF-8 /
 * UTF-16 / Latin-1 codecs (all the register uses); the rest are never reached then.
 * Built by packaging/windows/wine_build.py with x86_64-w64-mingw32-gcc, placed in the
 * prefix's system32; the build fails if a file of this name ends up in the bundle.
 */
#include <stddef.h>

#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, int *err)
{
    (void)name;
    if (err != NULL && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
    return NULL;
}

EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT signed char ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, int *err) { (void)cnv; (void)err; return "";}
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT int ucnv_toUCountPending(void) { return 0; }
EXPORT int ucnv_fromUCountPending(void) { return 0; }
EXPORT const char *ucnv_getStandardName(void) { return NULL; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
EXPORT int ucnv_countAvailable(void) { return 0; }
