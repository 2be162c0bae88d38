// e2i-test-explain-export MODEL.json DATA.csv OUT_DIR: the console's Explain tab, headless.
// Loads the model and the data into an ExplainTab, runs it (the same runShap call the tab
// makes for a user, on its worker thread) and exports what the tab's Export button writes,
// shap-values.csv among it. The Python tests compare those numbers with the module's.
#include "analysis/ExplainTab.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 4) {
        std::fprintf(stderr, "usage: e2i-test-explain-export MODEL.json DATA.csv OUT_DIR\n");
        return 2;
    }
    e2i::ExplainTab tab;
    tab.setModelPath(QString::fromLocal8Bit(argv[1]));
    tab.setCsvPath(QString::fromLocal8Bit(argv[2]));
    const QString outDir = QString::fromLocal8Bit(argv[3]);
    int status = 1;
    QObject::connect(&tab, &e2i::ExplainTab::runFinished, &app, [&] {
        const QString error = tab.exportTo(outDir);
        if (!error.isEmpty())
            std::fprintf(stderr, "export: %s\n", qPrintable(error));
        status = error.isEmpty() ? 0 : 1;
        app.quit();
    });
    QObject::connect(&tab, &e2i::ExplainTab::failed, &app, [&](const QString &message) {
        std::fprintf(stderr, "run: %s\n", qPrintable(message));
        app.quit();
    });
    QTimer::singleShot(0, &tab, [&tab] { tab.run(); });
    app.exec();
    return status;
}
