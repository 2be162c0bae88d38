#include "LogCapture.h"

#include <spdlog/spdlog.h>

namespace e2i::test {

std::shared_ptr<LogCapture> LogCapture::install()
{
    auto capture = std::make_shared<LogCapture>();
    spdlog::default_logger()->sinks().push_back(capture);
    spdlog::default_logger()->set_level(spdlog::level::debug);
    return capture;
}

QStringList LogCapture::lines()
{
    std::lock_guard lock(mutex_);
    return m_lines;
}

void LogCapture::sink_it_(const spdlog::details::log_msg &message)
{
    m_lines.append(QString::fromUtf8(message.payload.data(), qsizetype(message.payload.size())));
}

} // namespace e2i::test
