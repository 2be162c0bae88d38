#pragma once
// Points one standard stream (stdout or stderr) at a temporary file until destroyed, so a test
// can read what a command printed; contents() restores the stream and returns the text.
#include <QTemporaryFile>

#include <cstdio>

#include <unistd.h>

namespace e2i::testsupport {

class StreamCapture {
public:
    StreamCapture(std::FILE *stream, int fd) : m_stream(stream), m_fd(fd)
    {
        if (!m_capture.open())
            qFatal("cannot create a temporary file");
        std::fflush(m_stream);
        m_saved = ::dup(m_fd);
        ::dup2(m_capture.handle(), m_fd);
    }
    ~StreamCapture() { restore(); }
    StreamCapture(const StreamCapture &) = delete;
    StreamCapture &operator=(const StreamCapture &) = delete;

    QByteArray contents()
    {
        restore();
        m_capture.seek(0);
        return m_capture.readAll();
    }

private:
    void restore()
    {
        if (m_saved < 0)
            return;
        std::fflush(m_stream);
        ::dup2(m_saved, m_fd);
        ::close(m_saved);
        m_saved = -1;
    }

    QTemporaryFile m_capture;
    std::FILE *m_stream;
    int m_fd;
    int m_saved = -1;
};

} // namespace e2i::testsupport
