// QueueLinesLayer: a band redrawn at the right gives the pixels a whole drawing
// gives, the band starts where the data changed, anything that moves the
// mapping redraws everything, and the lines and shade land where QtCharts'
// axes put their values.
#include "charts/QueueLinesLayer.h"

#include <QGuiApplication>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using e2i::QueueLinesLayer;

namespace {

constexpr double kColumnMs = 1000.0;
constexpr int kColumns = 400;

QueueLinesLayer::Axes axesFor(double dpr = 1.0)
{
    QueueLinesLayer::Axes axes;
    axes.plotArea = QRectF(40.5, 20.0, kColumns, 150.0);
    axes.xMin = 0.0;
    axes.xMax = kColumns * kColumnMs;
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

Data makeData(int columns, quint32 seed)
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
                data.lines[i].points.append({t, walk[i]});
            }
            if (k == 0 || k == 3)
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

} // namespace

class tst_QueueLinesLayer : public QObject {
    Q_OBJECT
private slots:
    void bandRedrawEqualsWholeDrawing_data();
    void bandRedrawEqualsWholeDrawing();
    void unchangedDataRedrawsNothing();
    void changeInTheMiddleRedrawsFromThere();
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

// The live case: every frame adds a sample to the newest column or opens the next.
void tst_QueueLinesLayer::bandRedrawEqualsWholeDrawing()
{
    QFETCH(double, dpr);
    const QueueLinesLayer::Axes axes = axesFor(dpr);
    QueueLinesLayer layer;
    int bands = 0;
    for (int columns = kColumns - 30; columns <= kColumns; ++columns) {
        const Data data = makeData(columns, 42);
        layer.setData(axes, data.shade, data.lines);
        if (columns > kColumns - 30) { // a band from just left of the new column
            const QRectF band = layer.lastRedrawnRect();
            QVERIFY2(band.left() >= columns - 1 - 6 && band.right() == kColumns, qPrintable(QString::number(band.left())));
            ++bands;
        }
        const int differing = differingPixels(layer.image(), wholeDrawing(axes, data));
        QVERIFY2(differing == 0, qPrintable(QStringLiteral("%1 columns: %2 pixels differ").arg(columns).arg(differing)));
    }
    QCOMPARE(bands, 30);
}

void tst_QueueLinesLayer::unchangedDataRedrawsNothing()
{
    const Data data = makeData(kColumns, 1);
    QueueLinesLayer layer;
    layer.setData(axesFor(), data.shade, data.lines);
    QCOMPARE(layer.lastRedrawnRect(), QRectF(0, 0, kColumns, 150.0));
    layer.setData(axesFor(), data.shade, data.lines);
    QVERIFY(layer.lastRedrawnRect().isEmpty());
    layer.invalidate();
    layer.setData(axesFor(), data.shade, data.lines);
    QCOMPARE(layer.lastRedrawnRect(), QRectF(0, 0, kColumns, 150.0));
}

// A sample replaced far from the right edge (a store that wrapped, a late
// sample): the band reaches back to it, and the pixels are still right.
void tst_QueueLinesLayer::changeInTheMiddleRedrawsFromThere()
{
    Data data = makeData(kColumns, 2);
    QueueLinesLayer layer;
    layer.setData(axesFor(), data.shade, data.lines);
    const qsizetype changed = 4 * 200 + 1; // column 200
    data.lines[2].points[changed].setY(99.0);
    layer.setData(axesFor(), data.shade, data.lines);
    const QRectF band = layer.lastRedrawnRect();
    QVERIFY2(band.left() > 190.0 && band.left() <= 200.0, qPrintable(QString::number(band.left())));
    QCOMPARE(band.right(), double(kColumns));
    QCOMPARE(differingPixels(layer.image(), wholeDrawing(axesFor(), data)), 0);
}

void tst_QueueLinesLayer::mappingChangesRedrawEverything()
{
    const Data data = makeData(kColumns, 3);
    QueueLinesLayer layer;
    const QRectF whole(0, 0, kColumns, 150.0);
    layer.setData(axesFor(), data.shade, data.lines);

    QueueLinesLayer::Axes moved = axesFor();
    moved.xMin += kColumnMs;
    moved.xMax += kColumnMs;
    layer.setData(moved, data.shade, data.lines);
    QCOMPARE(layer.lastRedrawnRect(), whole);
    QCOMPARE(differingPixels(layer.image(), wholeDrawing(moved, data)), 0);

    QueueLinesLayer::Axes taller = moved;
    taller.yMax = 200.0;
    layer.setData(taller, data.shade, data.lines);
    QCOMPARE(layer.lastRedrawnRect(), whole);

    Data recoloured = data;
    recoloured.lines[1].pen.setColor(Qt::red);
    layer.setData(taller, recoloured.shade, recoloured.lines);
    QCOMPARE(layer.lastRedrawnRect(), whole);
    QCOMPARE(differingPixels(layer.image(), wholeDrawing(taller, recoloured)), 0);

    QueueLinesLayer::Axes wider = taller;
    wider.plotArea.setWidth(kColumns + 100);
    layer.setData(wider, recoloured.shade, recoloured.lines);
    QCOMPARE(layer.image().width(), kColumns + 100);
    QCOMPARE(layer.lastRedrawnRect(), QRectF(0, 0, kColumns + 100, 150.0));
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
