#include "TimelineFilter.h"

#include "TimelineModel.h"

namespace e2i {

void TimelineFilter::setKind(const QString &kind)
{
    m_kind = kind;
    invalidateFilter();
}

void TimelineFilter::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

bool TimelineFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *model = static_cast<const TimelineModel *>(sourceModel());
    const HistoryEvent &e = model->event(sourceRow);
    if (!m_kind.isEmpty() && e.kind != m_kind)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const QString &field : {e.kind, e.subject, e.from, e.to, e.detail})
        if (field.contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace e2i
