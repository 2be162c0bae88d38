#pragma once
// The cost panel's small chart, painted directly (two plots side by side):
//   left:  $/hour over the last 24 h, from the recorded history then the live
//          samples as they come; gaps in the record stay gaps;
//   right: the month (UTC) so far as a cumulative line, the projection to the
//          month's end dashed, and the budget as a horizontal line when set.
// Time axes are in UTC (UtcTimeTicks). It paints what it is handed: the report
// is computed off the GUI thread (MonthlyCostReport).
#include "cost/MonthlyCostReport.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace e2i {

class CostHistoryChart : public QWidget
{
    Q_OBJECT
public:
    explicit CostHistoryChart(QWidget *parent = nullptr);

    void setReport(const MonthlyCostReport &report);
    // The $/h of a live sample; consecutive samples within RecordedSteps::kMaxStepMs join up.
    void addLiveRate(qint64 timeMs, double usdPerHour);
    // Why there is no report (no history file yet, say), shown instead of the month.
    void setMissing(const QString &why);

    QSize sizeHint() const override { return {560, 150}; }
    QSize minimumSizeHint() const override { return {320, 120}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Plot;
    void paintRate(QPainter &painter, const QRectF &area) const;
    void paintMonth(QPainter &painter, const QRectF &area) const;
    void paintFrame(QPainter &painter, const Plot &plot, const QString &title, qint64 t0, qint64 t1) const;
    void trimRate(qint64 nowMs);
    qint64 rateEndMs() const;

    std::optional<MonthlyCostReport> m_report;
    QString m_missing;
    std::vector<RecordedStep> m_rate;                  // merged steps, oldest first
    std::optional<std::pair<qint64, double>> m_lastLive; // holds until the next live sample
};

} // namespace e2i
