/* Test helper for scripts/test-windows.sh: opens a file the way Excel, WPS and Word hold the file
 * they show (no sharing), prints "held" and keeps it open until its standard input closes. */
#include <stdio.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 2) {
        fputs("usage: hold_open FILE\n", stderr);
        return 2;
    }
    HANDLE f = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (f == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open: error %lu\n", GetLastError());
        return 1;
    }
    puts("held");
    fflush(stdout);
    while (getchar() != EOF) {
    }
    CloseHandle(f);
    return 0;
}
