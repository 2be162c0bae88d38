#pragma once
// Collects what the console logs (spdlog's default logger), so a test can count
// lines. Install before the code under test starts its threads.
#include <spdlog/sinks/base_sink.h>

#include <QStringList>

#include <memory>
#include <mutex>

namespace e2i::test {

class LogCapture : public spdlog::sinks::base_sink<std::mutex>
{
public:
    static std::shared_ptr<LogCapture> install();

    QStringList lines();

protected:
    void sink_it_(const spdlog::details::log_msg &message) override;
    void flush_() override {}

private:
    QStringList m_lines;
};

} // namespace e2i::test
