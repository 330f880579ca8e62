/* Starts the bundled Python with the application's module.
 *
 * Built twice by installer/build.py with mingw-w64: as Beratung.exe (GUI subsystem, runs
 * runtime\pythonw.exe) and as beratung-admin.exe (console subsystem, runs runtime\python.exe and
 * returns its exit code). The interpreter path is derived from the launcher's own location, never
 * from PATH or the environment, so a user cannot redirect it.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <wchar.h>

#ifndef PYTHON_EXE
#error "define PYTHON_EXE, e.g. L\"pythonw.exe\""
#endif
#ifndef APP_MODULE
#error "define APP_MODULE, e.g. L\"beratung_desktop.app\""
#endif

/* The part of the command line after the program name, exactly as the caller wrote it. */
static const wchar_t *arguments(const wchar_t *line)
{
    int quoted = 0;
    for (; *line; line++) {
        if (*line == L'"')
            quoted = !quoted;
        else if (!quoted && (*line == L' ' || *line == L'\t'))
            break;
    }
    while (*line == L' ' || *line == L'\t')
        line++;
    return line;
}

static void fail(const wchar_t *what, const wchar_t *path)
{
    wchar_t text[2 * MAX_PATH];
    _snwprintf(text, sizeof text / sizeof *text, L"%ls\n%ls\n(error %lu)", what, path, GetLastError());
    text[sizeof text / sizeof *text - 1] = 0;
#ifdef CONSOLE_APP
    fwprintf(stderr, L"%ls\n", text);
#else
    MessageBoxW(NULL, text, L"Beratung Desktop", MB_ICONERROR | MB_OK);
#endif
}

int main(void)
{
    wchar_t self[MAX_PATH], python[MAX_PATH + 64];
    DWORD n = GetModuleFileNameW(NULL, self, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) {
        fail(L"Cannot determine the program folder.", L"");
        return 111;
    }
    wchar_t *slash = wcsrchr(self, L'\\');
    if (slash)
        slash[1] = 0;
    _snwprintf(python, sizeof python / sizeof *python, L"%lsruntime\\%ls", self, PYTHON_EXE);
    python[sizeof python / sizeof *python - 1] = 0;

    const wchar_t *rest = arguments(GetCommandLineW());
    size_t size = wcslen(python) + wcslen(APP_MODULE) + wcslen(rest) + 32;
    wchar_t *line = HeapAlloc(GetProcessHeap(), 0, size * sizeof(wchar_t));
    if (!line)
        return 112;
    /* -I: ignore PYTHON* variables and the user's site-packages; -B: never write .pyc beside the program;
       -X utf8: UTF-8 for files and redirected output, as on Linux (names in Arabic script survive a pipe). */
    _snwprintf(line, size, L"\"%ls\" -I -B -X utf8 -m %ls %ls", python, APP_MODULE, rest);
    line[size - 1] = 0;

    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
#ifdef CONSOLE_APP
    /* Ctrl+C reaches the child through the shared console; the launcher just waits for it. */
    SetConsoleCtrlHandler(NULL, TRUE);
    /* Hand over exactly our standard handles, so redirections and pipes of the caller reach Python. */
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
#endif
    if (!CreateProcessW(python, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        fail(L"Cannot start the bundled Python:", python);
        return 113;
    }
    CloseHandle(pi.hThread);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    return (int)code;
}
