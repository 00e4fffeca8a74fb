/* Stand-in for Windows' bcryptprimitives.dll, for the Wine TEST PREFIX ONLY: never shipped.
 *
 * pydantic-core (through Rust's standard library) imports ProcessPrng, which Windows 10
 * has and Wine gained only in version 9. It fills the buffer from the system's random
 * generator (RtlGenRandom, advapi32's SystemFunction036) and, as on Windows, always
 * succeeds. Built by packaging/windows/wine_build.py with x86_64-w64-mingw32-gcc, placed in
 * the prefix's system32; the build fails if a file of this name ends up in the bundle.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
