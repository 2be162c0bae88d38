// QueueLinesLayer: bands redrawn where the data changed, and an image scrolled
// by whole columns, give the pixels a whole drawing gives; the bands are where
// the data changed; anything else that moves the mapping redraws everything;
// the lines and shade land where QtCharts' axes put their values.
#include "charts/QueueLinesLayer.h"

#include <QGuiApplication>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>

using e2i::QueueLinesLayer;

namespace {

constexpr double kColumnMs = 1000.0;
constexpr int kColumns = 400;

QueueLinesLayer::Axes axesFor(double dpr = 1.0, double startMs = 0.0)
{
    QueueLinesLayer::Axes axes;
    axes.plotArea = QRectF(40.5, 20.0, kColumns, 150.0);
    axes.columns = int(std::ceil(kColumns * dpr));
    axes.xMin = startMs;
    axes.xMax = startMs + kColumns * kColumnMs;
    axes.yMin = 0.0;
    axes.yMax = 100.0;
    axes.devicePixelRatio = dpr;
    return axes;
}

QPen penOf(QRgb colour, double width)
{
    QPen pen(QColor::fromRgb(colour), width);
    pen.setCosmetic(true);
    return pen;
}

// Random walks with up to four points per column, like the reducer's output,
// cut off at `columns` columns.
struct Data {
    QueueLinesLayer::Shade shade;
    QList<QueueLinesLayer::Line> lines;
};

Data makeData(int columns, quint32 seed, int fromColumn = 0)
{
    QRandomGenerator random(seed);
    Data data;
    data.shade.brush = QColor(96, 96, 96, 50);
    const QList<QRgb> colours{0x606060, 0x0072B2, 0xE69F00, 0xCC79A7};
    for (qsizetype i = 0; i < colours.size(); ++i)
        data.lines.append({penOf(colours[i], i == 0 ? 1.0 : 2.0), {}});
    QList<double> walk(colours.size(), 50.0);
    for (int c = 0; c < columns; ++c) {
        for (int k = 0; k < 4; ++k) {
            const double t = c * kColumnMs + k * 250.0;
            for (qsizetype i = 0; i < colours.size(); ++i) {
                walk[i] = std::clamp(walk[i] + random.bounded(-6, 7), 0.0, 95.0);
                if (c >= fromColumn)
                    data.lines[i].points.append({t, walk[i]});
            }
            if ((k == 0 || k == 3) && c >= fromColumn)
                data.shade.edge.append({t, std::min(100.0, walk[0] + 5.0)});
        }
    }
    return data;
}

QImage wholeDrawing(const QueueLinesLayer::Axes &axes, const Data &data)
{
    QueueLinesLayer fresh;
    fresh.setData(axes, data.shade, data.lines);
    return fresh.image();
}

int differingPixels(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return -1;
    int differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            differing += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
    return differing;
}

int bandPixels(const QueueLinesLayer &layer)
{
    int pixels = 0;
    for (const QRect &band : layer.lastRedrawnBands())
        pixels += band.width();
    return pixels;
}

} // namespace

class tst_QueueLinesLayer : public QObject {
    Q_OBJECT
private slots:
    void bandRedrawEqualsWholeDrawing_data();
    void bandRedrawEqualsWholeDrawing();
    void scrollEqualsWholeDrawing_data();
    void scrollEqualsWholeDrawing();
    void unchangedDataRedrawsNothing();
    void onlyChangedBandsAreRedrawn();
    void mappingChangesRedrawEverything();
    void valuesLandOnTheAxes();
};

void tst_QueueLinesLayer::bandRedrawEqualsWholeDrawing_data()
{
    QTest::addColumn<double>("dpr");
    QTest::addRow("1x") << 1.0;
    QTest::addRow("2x") << 2.0;
    QTest::addRow("1.5x") << 1.5;
}

// The live case inside a column: every frame adds samples at the right.
void tst_QueueLinesLayer::bandRedrawEqualsWholeDrawing()
{
    QFETCH(double, dpr);
    const QueueLinesLayer::Axes axes = axesFor(dpr);
    QueueLinesLayer layer;
    int bands = 0;
    for (int columns = kColumns - 30; columns <= kColumns; ++columns) {
        const Data data = makeData(columns, 42);
        layer.setData(axes, data.shade, data.lines);
        if (columns > kColumns - 30) { // one band, from just left of the new column to the right edge
            QCOMPARE(layer.lastRedrawnBands().size(), 1);
            const QRect band = layer.lastRedrawnBands().constFirst();
            QVERIFY2(band.left() >= (columns - 1) * dpr - 6 && band.right() == axes.columns - 1,
                     qPrintable(QString::number(band.left())));
            ++bands;
        }
        const int differing = differingPixels(layer.image(), wholeDrawing(axes, data));
        QVERIFY2(differing == 0, qPrintable(QStringLiteral("%1 columns: %2 pixels differ").arg(columns).arg(differing)));
    }
    QCOMPARE(bands, 30);
}

void tst_QueueLinesLayer::scrollEqualsWholeDrawing_data()
{
    QTest::addColumn<double>("dpr");
    QTest::addColumn<int>("step");
    QTest::addRow("1x, one column a frame") << 1.0 << 1;
    QTest::addRow("1x, three columns a frame") << 1.0 << 3;
    QTest::addRow("2x, one column a frame") << 2.0 << 1;
}

// The window moves on by whole columns: new samples come in at the right and
// the oldest drop off at the left, as from a full ring buffer.
void tst_QueueLinesLayer::scrollEqualsWholeDrawing()
{
    QFETCH(double, dpr);
    QFETCH(int, step);
    QueueLinesLayer layer;
    for (int frame = 0; frame <= 20; ++frame) {
        const int shift = frame * step;
        // Points from one data column before the window (the line enters from the left).
        const Data data = makeData(kColumns + shift, 7, std::max(0, shift - 1));
        const QueueLinesLayer::Axes axes = axesFor(dpr, shift * kColumnMs);
        layer.setData(axes, data.shade, data.lines);
        if (frame > 0) {
            QCOMPARE(layer.lastScrollPixels(), int(step * dpr));
            QVERIFY2(bandPixels(layer) < 30 * dpr * step, qPrintable(QString::number(bandPixels(layer))));
        }
        const int differing = differingPixels(layer.image(), wholeDrawing(axes, data));
        QVERIFY2(differing == 0, qPrintable(QStringLiteral("frame %1: %2 pixels differ").arg(frame).arg(differing)));
    }
}

void tst_QueueLinesLayer::unchangedDataRedrawsNothing()
{
    const Data data = makeData(kColumns, 1);
    QueueLinesLayer layer;
    layer.setData(axesFor(), data.shade, data.lines);
    QVERIFY(layer.lastRedrewWhole());
    layer.setData(axesFor(), data.shade, data.lines);
    QVERIFY(layer.lastRedrawnBands().isEmpty());
    layer.invalidate();
    layer.setData(axesFor(), data.shade, data.lines);
    QVERIFY(layer.lastRedrewWhole());
}

// A sample replaced far from the edges (a late sample) and the newest one:
// two bands, and the pixels are still right.
void tst_QueueLinesLayer::onlyChangedBandsAreRedrawn()
{
    Data data = makeData(kColumns, 2);
    QueueLinesLayer layer;
    layer.setData(axesFor(), data.shade, data.lines);
    data.lines[2].points[4 * 200 + 1].setY(99.0); // column 200
    data.lines[1].points.last().setY(1.0);
    layer.setData(axesFor(), data.shade, data.lines);
    const QList<QRect> bands = layer.lastRedrawnBands();
    QCOMPARE(bands.size(), 2);
    QVERIFY2(bands[0].left() > 190 && bands[0].right() < 210,
             qPrintable(QStringLiteral("%1-%2").arg(bands[0].left()).arg(bands[0].right())));
    QVERIFY(bands[1].left() > kColumns - 10 && bands[1].right() == kColumns - 1);
    QCOMPARE(differingPixels(layer.image(), wholeDrawing(axesFor(), data)), 0);
}

void tst_QueueLinesLayer::mappingChangesRedrawEverything()
{
    const Data data = makeData(kColumns, 3);
    QueueLinesLayer layer;
    layer.setData(axesFor(), data.shade, data.lines);

    // Moved by less than a column: nothing to scroll by.
    const QueueLinesLayer::Axes moved = axesFor(1.0, kColumnMs / 4);
    layer.setData(moved, data.shade, data.lines);
    QVERIFY(layer.lastRedrewWhole());
    QCOMPARE(layer.lastScrollPixels(), 0);
    QCOMPARE(differingPixels(layer.image(), wholeDrawing(moved, data)), 0);

    QueueLinesLayer::Axes taller = moved;
    taller.yMax = 200.0;
    layer.setData(taller, data.shade, data.lines);
    QVERIFY(layer.lastRedrewWhole());

    Data recoloured = data;
    recoloured.lines[1].pen.setColor(Qt::red);
    layer.setData(taller, recoloured.shade, recoloured.lines);
    QVERIFY(layer.lastRedrewWhole());
    QCOMPARE(differingPixels(layer.image(), wholeDrawing(taller, recoloured)), 0);

    QueueLinesLayer::Axes wider = taller;
    wider.plotArea.setWidth(kColumns + 100);
    wider.columns = kColumns + 100;
    layer.setData(wider, recoloured.shade, recoloured.lines);
    QCOMPARE(layer.image().width(), kColumns + 100);
    QVERIFY(layer.lastRedrewWhole());
}

// A level line of value 25 over [0, xMax] sits at y = 150 * (1 - 25 / 100),
// and the shade fills from its edge down to the value 0.
void tst_QueueLinesLayer::valuesLandOnTheAxes()
{
    QueueLinesLayer::Shade shade{QColor(0, 0, 255, 255), {{0.0, 50.0}, {kColumns * kColumnMs, 50.0}}};
    const QList<QueueLinesLayer::Line> lines{{penOf(0xFF0000, 1.0), {{0.0, 25.0}, {kColumns * kColumnMs, 25.0}}}};
    QueueLinesLayer layer;
    layer.setData(axesFor(), shade, lines);
    const QImage image = layer.image();
    QCOMPARE(image.size(), QSize(kColumns, 150));
    const int lineRow = int(std::lround(150.0 * 0.75));
    int redOnRow = 0;
    for (int x = 0; x < image.width(); ++x)
        redOnRow += (image.pixel(x, lineRow) == qRgb(255, 0, 0) || image.pixel(x, lineRow - 1) == qRgb(255, 0, 0)) ? 1 : 0;
    QVERIFY2(redOnRow >= kColumns - 2, qPrintable(QString::number(redOnRow)));
    QCOMPARE(image.pixel(200, 100), qRgb(0, 0, 255)); // value ~33: under the shade's edge
    QCOMPARE(qAlpha(image.pixel(200, 40)), 0);        // value ~73: above it, nothing drawn
    QCOMPARE(image.pixel(200, 149), qRgb(0, 0, 255)); // down to 0
}

QTEST_MAIN(tst_QueueLinesLayer)
#include "tst_QueueLinesLayer.moc"
