#pragma once
// The strip across the top of the window: which environment (colour-coded,
// production unmistakable), the Redis connection, how old the data is, and the
// UTC clock. Everything an incident reviewer needs to read a screenshot.
#include "monitor/PlatformSample.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QTimer;

namespace e2i {

class HeaderBar : public QWidget
{
    Q_OBJECT
public:
    explicit HeaderBar(QWidget *parent = nullptr);

    void setEnvironment(const QString &name, bool production, const QColor &colour);
    void setSample(const PlatformSample &sample);
    // Data older than this is shown as stale.
    void setStaleAfterMs(int ms) { m_staleAfterMs = ms; }
    void refreshClock();
    // Shows the recorded moment being replayed, in a colour no live state uses;
    // an invalid time returns to live.
    void setReplay(const QDateTime &at);
    // A count that needs attention (alerts firing, say), shown after the data age;
    // the header takes ownership.
    void addBadge(QWidget *badge);
    bool isReplay() const { return m_replayAt.isValid(); }

    QString environmentText() const;
    QString dataAgeText() const;

private:
    void updateAge();

    QLabel *m_environment;
    QLabel *m_redis;
    QLabel *m_dataAge;
    QLabel *m_clock;
    QLabel *m_replay;
    QHBoxLayout *m_badges;
    QTimer *m_tick;
    QDateTime m_sampledAt;
    QDateTime m_replayAt;
    int m_staleAfterMs = 5000;
};

} // namespace e2i
