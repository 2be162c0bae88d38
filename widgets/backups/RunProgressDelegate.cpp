#include "RunProgressDelegate.h"

#include "BackupTargetsModel.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace e2i {
namespace {
constexpr int kSteps = 1000;
constexpr int kMargin = 2;
} // namespace

void RunProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant fraction = index.data(BackupTargetsModel::ProgressRole);
    if (!fraction.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, option.widget); // keeps the row's selection
    QStyleOptionProgressBar bar;
    bar.palette = option.palette;
    bar.fontMetrics = option.fontMetrics;
    bar.direction = option.direction;
    bar.rect = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.minimum = 0;
    const double done = fraction.toDouble();
    bar.maximum = done < 0 ? 0 : kSteps; // 0..0 is the style's busy bar
    bar.progress = done < 0 ? 0 : int(done * kSteps);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

} // namespace e2i
