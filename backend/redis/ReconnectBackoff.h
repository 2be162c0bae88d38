#pragma once
#include <QtGlobal>

namespace e2i {

// Exponential reconnect delay, 250 ms doubling to a ceiling, reset on success.
class ReconnectBackoff
{
public:
    explicit ReconnectBackoff(qint64 ceilingMs = 5000) : m_ceilingMs(ceilingMs) {}

    bool mayTry(qint64 nowMs) const { return nowMs >= m_nextTryMs; }
    void failed(qint64 nowMs)
    {
        m_delayMs = qMin(m_delayMs == 0 ? 250 : m_delayMs * 2, m_ceilingMs);
        m_nextTryMs = nowMs + m_delayMs;
    }
    void succeeded()
    {
        m_delayMs = 0;
        m_nextTryMs = 0;
    }

private:
    qint64 m_ceilingMs;
    qint64 m_delayMs = 0;
    qint64 m_nextTryMs = 0;
};

} // namespace e2i
