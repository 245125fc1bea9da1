/* Test-only stand-in for Windows' bcryptprimitives.dll, for Wine versions that lack it (Debian 12's
 * Wine 8): Rust's standard library takes its random numbers from ProcessPrng there. Copied next to
 * the exe by scripts/test-windows.sh only when Wine cannot start the exe without it; never shipped
 * (every Windows 10/11 has the real one). */
#include <windows.h>

/* RtlGenRandom, exported by advapi32 under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
