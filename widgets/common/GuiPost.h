#pragma once
// Posts work from a worker thread to the GUI thread for a widget that may be gone by then:
// the call is queued on the application object and checks a QPointer on arrival, which is
// race-free because widgets are only deleted on the GUI thread.
#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include <utility>

namespace e2i {

template<typename Receiver, typename Function>
void postToGui(const QPointer<Receiver> &receiver, Function &&function)
{
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [receiver, function = std::forward<Function>(function)]() mutable {
            if (Receiver *target = receiver.data())
                function(*target);
        },
        Qt::QueuedConnection);
}

} // namespace e2i
