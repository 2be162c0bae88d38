#pragma once
// Reads config/autoscale.yml (the platform autoscaler's policy) into an
// AutoscalePolicy, recording the line of every scalar it reads.
#include "PlatformProfile.h"
#include "config/YamlFieldReader.h"

namespace e2i {

class AutoscaleFileReader {
public:
    AutoscaleFileReader(const QString &file, Diagnostics &diagnostics);

    AutoscalePolicy read();
    // The same from text already in memory (an edit being checked); diagnostics name `file`.
    AutoscalePolicy readText(const QByteArray &text);

private:
    AutoscalePolicy readRoot(const std::optional<YamlNode> &root);
    void readTopLevel(const YamlNode &root, AutoscalePolicy &policy);
    TierPolicy readTier(const QString &name, const YamlNode &node);
    void readTierField(const YamlEntry &entry, const QString &field, TierPolicy &tier);
    void readInt(const YamlNode &node, const QString &field, int minimum, int &target);
    void readDouble(const YamlNode &node, const QString &field, double &target);

    QString m_file;
    YamlFieldReader m_reader;
    Diagnostics &m_diagnostics;
};

} // namespace e2i
