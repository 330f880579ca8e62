/* Test-only stand-in for bcryptprimitives.dll, which Wine 8 lacks: Rust's standard library (used by
 * cryptography's extension) takes random bytes from ProcessPrng. Built by the Wine smoke test with
 * mingw-w64 and copied into the throw-away Wine prefix only; never shipped in the MSI.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
