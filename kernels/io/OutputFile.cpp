#include "OutputFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace e2i::kernels {

OutputFile::OutputFile(std::string path)
    : m_path(std::move(path))
{
    if (m_path.empty()) {
        m_file = stdout;
        return;
    }
    std::error_code error;
    // A directory opens for appending on some systems but can never take the results.
    if (std::filesystem::is_directory(m_path, error)) {
        errno = EISDIR;
        fail("cannot open for writing");
    }
    m_created = !std::filesystem::exists(m_path, error);
    m_file = std::fopen(m_path.c_str(), "ab");
    if (!m_file)
        fail("cannot open for writing");
}

OutputFile::~OutputFile()
{
    if (m_file && m_file != stdout)
        std::fclose(m_file);
    if (m_created && !m_finished) {
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
}

std::FILE *OutputFile::startWriting()
{
    if (m_file == stdout)
        return m_file;
    m_file = std::freopen(m_path.c_str(), "wb", m_file); // closes the old stream even on failure
    if (!m_file)
        fail("cannot open for writing");
    return m_file;
}

void OutputFile::finish()
{
    m_finished = true;
    if (m_file == stdout) {
        if (std::fflush(stdout) != 0)
            fail("cannot write to standard output");
        return;
    }
    std::FILE *file = m_file;
    m_file = nullptr;
    const bool streamFailed = std::ferror(file) != 0;
    if (std::fclose(file) != 0 || streamFailed)
        fail("write failed");
}

void OutputFile::fail(const char *what) const
{
    const std::string name = m_path.empty() ? std::string("standard output") : m_path;
    throw std::runtime_error(name + ": " + what + ": " + std::strerror(errno));
}

} // namespace e2i::kernels
