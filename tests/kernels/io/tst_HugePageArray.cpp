// HugePageArray: every value is writable and readable, large arrays start on a huge page, and
// moves hand the mapping over exactly once.
#include "io/HugePageArray.h"

#include <QTest>

#include <cstdint>
#include <utility>

using e2i::kernels::HugePageArray;

namespace {
constexpr std::size_t kDoublesPerHugePage = HugePageArray::hugePageBytes / sizeof(double);

void fillWithIndices(HugePageArray &array)
{
    for (std::size_t i = 0; i < array.size(); ++i)
        array[i] = double(i);
}

bool holdsIndices(const HugePageArray &array)
{
    for (std::size_t i = 0; i < array.size(); ++i)
        if (array[i] != double(i))
            return false;
    return true;
}
} // namespace

class tst_HugePageArray : public QObject {
    Q_OBJECT

private slots:
    void defaultIsEmpty()
    {
        const HugePageArray array;
        QVERIFY(array.empty());
        QCOMPARE(array.size(), std::size_t(0));
        QCOMPARE(array.begin(), array.end());
    }

    void storesEveryValue_data()
    {
        QTest::addColumn<qulonglong>("count");
        QTest::addColumn<bool>("hugePageAligned");
        QTest::addRow("none") << qulonglong(0) << false;
        QTest::addRow("one") << qulonglong(1) << false;
        QTest::addRow("under a small page") << qulonglong(511) << false;
        QTest::addRow("just under a huge page") << qulonglong(kDoublesPerHugePage - 1) << false;
        QTest::addRow("exactly a huge page") << qulonglong(kDoublesPerHugePage) << true;
        QTest::addRow("three huge pages and a bit") << qulonglong(3 * kDoublesPerHugePage + 7) << true;
    }

    void storesEveryValue()
    {
        QFETCH(qulonglong, count);
        QFETCH(bool, hugePageAligned);
        HugePageArray array(count);
        QCOMPARE(array.size(), std::size_t(count));
        QCOMPARE(std::size_t(array.end() - array.begin()), std::size_t(count));
        fillWithIndices(array);
        QVERIFY(holdsIndices(array));
        if (hugePageAligned)
            QCOMPARE(reinterpret_cast<std::uintptr_t>(array.data()) % HugePageArray::hugePageBytes, std::uintptr_t(0));
    }

    void moveHandsTheValuesOver()
    {
        HugePageArray source(kDoublesPerHugePage + 3);
        fillWithIndices(source);
        const double *mapping = source.data();

        HugePageArray moved(std::move(source));
        QVERIFY(source.empty());
        QVERIFY(source.data() == nullptr);
        QCOMPARE(moved.data(), mapping);
        QVERIFY(holdsIndices(moved));

        HugePageArray assigned(5);
        assigned = std::move(moved);
        QVERIFY(moved.empty());
        QCOMPARE(assigned.data(), mapping);
        QCOMPARE(assigned.size(), kDoublesPerHugePage + 3);
        QCOMPARE(assigned.back(), double(kDoublesPerHugePage + 2));
    }
};

QTEST_GUILESS_MAIN(tst_HugePageArray)
#include "tst_HugePageArray.moc"
