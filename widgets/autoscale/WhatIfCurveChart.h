#pragma once
// One quantity of one tier over a what-if trace (replicas, or backlog), for the
// current policy (solid line) and the proposed one (dashed), so the two can be read
// against each other on one axis. Drawing cost is bounded: long traces are reduced to
// kMaxBuckets time buckets, each keeping its lowest and highest value.
#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace e2i {

class WhatIfCurveChart : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxBuckets = 800;

    // `stepped`: a value holds until the next tick (replicas), rather than a level
    // observed at the tick (backlog).
    WhatIfCurveChart(const QString &title, const QString &valueTitle, bool stepped, QWidget *parent = nullptr);

    // times: epoch seconds of the ticks; start: the trace's first second.
    void setCurves(qint64 start, const QList<qint64> &times, const QList<double> &current,
                   const QList<double> &proposed);
    void clear();
    void setDarkTheme(bool dark);
    QChart *chart() const { return m_chart; }

private:
    QList<QPointF> points(qint64 start, const QList<qint64> &times, const QList<double> &values) const;
    void applyTheme();

    bool m_stepped;
    bool m_dark = false;
    QChart *m_chart;
    QValueAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QLineSeries *m_current;
    QLineSeries *m_proposed;
};

} // namespace e2i
