#include "ColumnWrapDelegate.h"

#include <QTreeView>

namespace e2i {
namespace {

// Tall enough for any probe text; only the width limits the layout.
constexpr int kUnboundedHeight = 1 << 16;

} // namespace

ColumnWrapDelegate::ColumnWrapDelegate(QTreeView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{
}

QSize ColumnWrapDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem sized = option;
    sized.rect = QRect(0, 0, m_view->columnWidth(index.column()), kUnboundedHeight);
    return QStyledItemDelegate::sizeHint(sized, index);
}

} // namespace e2i
