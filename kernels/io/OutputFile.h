#pragma once
// A command's output file, claimed before its (possibly long) computation and written after it,
// so an unwritable path fails at once instead of after minutes of work.
//
// The constructor opens the path for appending: that creates a missing file and proves the
// directory and the file are writable, without destroying an existing file's content yet.
// startWriting() truncates it (freopen "wb") when the results are ready. If they never come
// (the computation throws), the destructor removes a file that this object created, so a
// failed run leaves nothing behind; an existing file keeps its old content.
// An empty path means standard output.
#include <cstdio>
#include <string>

namespace e2i::kernels {

class OutputFile {
public:
    // Throws std::runtime_error "PATH: cannot open for writing: REASON".
    explicit OutputFile(std::string path);
    ~OutputFile();
    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    // The stream to write the results to, emptied first. Throws like the constructor.
    std::FILE *startWriting();
    // Flushes and closes; throws std::runtime_error when the data did not reach the file.
    void finish();

private:
    [[noreturn]] void fail(const char *what) const;

    std::string m_path;
    std::FILE *m_file = nullptr;
    bool m_created = false;
    bool m_finished = false;
};

} // namespace e2i::kernels
