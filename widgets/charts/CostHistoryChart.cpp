#include "CostHistoryChart.h"
#include "common/NiceNumber.h"

#include "UtcTimeTicks.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace e2i {

struct CostHistoryChart::Plot {
    QRectF area;
    qint64 t0 = 0;
    qint64 t1 = 1;
    double yMax = 1.0;

    double x(qint64 t) const { return area.left() + area.width() * double(t - t0) / double(std::max<qint64>(1, t1 - t0)); }
    double y(double v) const { return area.bottom() - area.height() * v / yMax; }
};

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr double kGap = 10.0;

QString money(double usd, int decimals = 0)
{
    return QLatin1Char('$') + QLocale(QLocale::English, QLocale::UnitedStates).toString(usd, 'f', decimals);
}

QColor lineColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0x5d, 0xad, 0xe2) : QColor(0x1f, 0x5f, 0xa8);
}

QColor budgetColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x39, 0x2b);
}

} // namespace

CostHistoryChart::CostHistoryChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void CostHistoryChart::setReport(const MonthlyCostReport &report)
{
    // The record up to the report's time, then the live steps that came after it.
    std::vector<RecordedStep> rate = report.recentRate;
    for (const RecordedStep &s : m_rate)
        if (s.fromMs >= report.nowMs)
            rate.push_back(s);
    m_rate = std::move(rate);
    m_report = report;
    trimRate(std::max(report.nowMs, rateEndMs()));
    update();
}

void CostHistoryChart::setMissing(const QString &why)
{
    m_report.reset();
    m_missing = why;
    update();
}

void CostHistoryChart::addLiveRate(qint64 timeMs, double usdPerHour)
{
    if (m_lastLive && timeMs <= m_lastLive->first)
        return;
    if (m_lastLive && timeMs - m_lastLive->first <= RecordedSteps::kMaxStepMs) {
        const RecordedStep step{m_lastLive->first, timeMs, m_lastLive->second};
        if (!m_rate.empty() && m_rate.back().toMs >= step.fromMs && m_rate.back().value == step.value)
            m_rate.back().toMs = std::max(m_rate.back().toMs, step.toMs);
        else if (m_rate.empty() || m_rate.back().toMs <= step.fromMs)
            m_rate.push_back(step);
    }
    m_lastLive = {timeMs, usdPerHour};
    trimRate(timeMs);
    update();
}

void CostHistoryChart::trimRate(qint64 nowMs)
{
    const auto old = std::find_if(m_rate.begin(), m_rate.end(), [&](const RecordedStep &s) { return s.toMs > nowMs - kDayMs; });
    m_rate.erase(m_rate.begin(), old);
}

qint64 CostHistoryChart::rateEndMs() const
{
    qint64 end = m_rate.empty() ? 0 : m_rate.back().toMs;
    if (m_lastLive)
        end = std::max(end, m_lastLive->first);
    return end;
}

void CostHistoryChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    painter.setFont(font);
    const QRectF all = QRectF(rect()).adjusted(2, 2, -2, -2);
    const double half = (all.width() - kGap) / 2.0;
    paintRate(painter, QRectF(all.left(), all.top(), half, all.height()));
    paintMonth(painter, QRectF(all.left() + half + kGap, all.top(), half, all.height()));
}

void CostHistoryChart::paintFrame(QPainter &painter, const Plot &plot, const QString &title, qint64 t0, qint64 t1) const
{
    const QFontMetricsF fm(painter.font());
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.18f);
    painter.setPen(text);
    painter.drawText(QRectF(plot.area.left() - 50, plot.area.top() - fm.height() - 4, plot.area.width() + 50, fm.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, title);
    for (const double v : {0.0, plot.yMax / 2.0, plot.yMax}) {
        painter.setPen(QPen(grid, 1));
        painter.drawLine(QPointF(plot.area.left(), plot.y(v)), QPointF(plot.area.right(), plot.y(v)));
        painter.setPen(text);
        painter.drawText(QRectF(plot.area.left() - 50, plot.y(v) - fm.height() / 2, 46, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, money(v, plot.yMax < 10 ? 2 : 0));
    }
    const int maxTicks = std::max(2, int(plot.area.width() / (fm.horizontalAdvance(QStringLiteral("00:00")) * 2.2)));
    for (const UtcTick &tick : UtcTimeTicks::forWindow(t0, t1, maxTicks)) {
        const double x = plot.x(tick.timeMs);
        painter.setPen(QPen(grid, 1));
        painter.drawLine(QPointF(x, plot.area.top()), QPointF(x, plot.area.bottom()));
        painter.setPen(text);
        painter.drawText(QRectF(x - 40, plot.area.bottom() + 2, 80, fm.height()), Qt::AlignCenter, tick.label);
    }
}

void CostHistoryChart::paintRate(QPainter &painter, const QRectF &area) const
{
    const QFontMetricsF fm(painter.font());
    const qint64 end = std::max(rateEndMs(), m_report ? m_report->nowMs : 0);
    // The recorded span, at least an hour, at most a day: a fresh recording is not a sliver.
    qint64 start = m_rate.empty() ? end - 3600 * 1000 : std::max(end - kDayMs, m_rate.front().fromMs);
    start = std::min(start, end - 3600 * 1000);
    double top = 0.0;
    for (const RecordedStep &s : m_rate)
        top = std::max(top, s.value);
    if (m_lastLive)
        top = std::max(top, m_lastLive->second);
    Plot plot{area.adjusted(50, fm.height() + 6, -4, -fm.height() - 4), start, end, NiceNumber::ceiling(top * 1.1)};
    const double now = m_lastLive ? m_lastLive->second : (m_rate.empty() ? 0.0 : m_rate.back().value);
    paintFrame(painter, plot,
               m_rate.empty() && !m_lastLive ? tr("$/hour (UTC): nothing recorded yet")
                                             : tr("$/hour (UTC), now %1").arg(money(now, 2)),
               start, end);
    painter.setPen(QPen(lineColour(palette()), 2));
    for (std::size_t i = 0; i < m_rate.size();) {
        QPainterPath path(QPointF(plot.x(m_rate[i].fromMs), plot.y(m_rate[i].value)));
        for (; i < m_rate.size(); ++i) {
            const RecordedStep &s = m_rate[i];
            path.lineTo(plot.x(s.fromMs), plot.y(s.value));
            path.lineTo(plot.x(s.toMs), plot.y(s.value));
            if (i + 1 < m_rate.size() && m_rate[i + 1].fromMs != s.toMs) {
                ++i;
                break; // a gap in the record: the line stops
            }
        }
        painter.drawPath(path);
    }
}

void CostHistoryChart::paintMonth(QPainter &painter, const QRectF &area) const
{
    const QFontMetricsF fm(painter.font());
    if (!m_report) {
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                         m_missing.isEmpty() ? tr("Month so far: reading the recorded history…")
                                             : tr("Month so far: %1").arg(m_missing));
        return;
    }
    const MonthlyCostReport &r = *m_report;
    const double soFar = r.total.soFarUsd;
    const double top = std::max({soFar, r.total.projectedUsd.value_or(0.0), r.budgetUsd.value_or(0.0)});
    Plot plot{area.adjusted(50, fm.height() + 6, -4, -fm.height() - 4), r.monthStartMs, r.monthEndMs,
              NiceNumber::ceiling(top * 1.1)};
    const QString month = QDateTime::fromMSecsSinceEpoch(r.monthStartMs, QTimeZone::utc()).toString(QStringLiteral("MMM yyyy"));
    // Cents while a figure is small (the first hours of a recording), whole dollars after.
    const auto amount = [](double usd) { return money(usd, usd < 100.0 ? 2 : 0); };
    QString title = tr("%1 so far %2").arg(month, amount(soFar));
    if (r.total.projectedUsd)
        title += tr(", projected %1").arg(amount(*r.total.projectedUsd));
    paintFrame(painter, plot, title, r.monthStartMs, r.monthEndMs);

    const QColor colour = lineColour(palette());
    if (r.budgetUsd) {
        const QColor budget = budgetColour(palette());
        painter.setPen(QPen(budget, 1.5, Qt::DashLine));
        painter.drawLine(QPointF(plot.area.left(), plot.y(*r.budgetUsd)), QPointF(plot.area.right(), plot.y(*r.budgetUsd)));
        painter.setPen(budget);
        painter.drawText(QRectF(plot.area.left() + 4, plot.y(*r.budgetUsd) - fm.height() - 1, plot.area.width() - 8, fm.height()),
                         Qt::AlignLeft | Qt::AlignBottom, tr("budget %1").arg(money(*r.budgetUsd)));
    }
    QPainterPath path;
    for (const MonthlyCostReport::CumulativePoint &p : r.cumulative) {
        if (path.isEmpty())
            path.moveTo(plot.x(p.timeMs), plot.y(p.usd));
        else
            path.lineTo(plot.x(p.timeMs), plot.y(p.usd));
    }
    painter.setPen(QPen(colour, 2));
    painter.drawPath(path);
    if (r.total.projectedUsd && r.remainingHours > 0.0) {
        painter.setPen(QPen(colour, 1.5, Qt::DashLine));
        painter.drawLine(QPointF(plot.x(r.elapsedEndMs()), plot.y(soFar)),
                         QPointF(plot.x(r.monthEndMs), plot.y(*r.total.projectedUsd)));
    }
}

} // namespace e2i
