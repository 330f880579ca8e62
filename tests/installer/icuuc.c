/* Test-only stand-in for Windows 10's system icuuc.dll, which Wine 8 lacks. Qt6Core imports ICU's
 * converter functions from it for the rare encodings Qt does not convert itself; this stand-in offers
 * no converters (every open fails cleanly). Built by the Wine smoke test with mingw-w64 and copied
 * into the throw-away Wine prefix only; never shipped in the MSI. Real Windows has the real DLL.
 */
#include <stddef.h>

#define UNSUPPORTED 16 /* U_UNSUPPORTED_ERROR */
#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, int *status)
{
    (void)name;
    if (status)
        *status = UNSUPPORTED;
    return NULL;
}

EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, int *status)
{
    (void)name, (void)standard;
    if (status)
        *status = UNSUPPORTED;
    return NULL;
}

/* Never reached without an open converter; present so Qt6Core's imports resolve. */
#define UNREACHABLE(name) \
    EXPORT int name(void) { return 0; }
UNREACHABLE(ucnv_close)
UNREACHABLE(ucnv_reset)
UNREACHABLE(ucnv_getMaxCharSize)
UNREACHABLE(ucnv_getName)
UNREACHABLE(ucnv_getToUCallBack)
UNREACHABLE(ucnv_getFromUCallBack)
UNREACHABLE(ucnv_setToUCallBack)
UNREACHABLE(ucnv_setFromUCallBack)
UNREACHABLE(ucnv_cbToUWriteUChars)
UNREACHABLE(ucnv_toUnicode)
UNREACHABLE(ucnv_cbFromUWriteUChars)
UNREACHABLE(ucnv_toUCountPending)
UNREACHABLE(ucnv_fromUCountPending)
UNREACHABLE(ucnv_fromUnicode)
UNREACHABLE(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
UNREACHABLE(UCNV_TO_U_CALLBACK_SUBSTITUTE)
