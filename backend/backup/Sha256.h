#pragma once
// Incremental SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA
// instructions: on the 2-core Debian 12 VM it hashes ~1.2 GB/s where Qt 6.4's
// QCryptographicHash (portable C) manages ~250 MB/s, and hashing while
// pulling must not be what keeps a backup slower than `redis-cli --rdb`.
#include <QByteArray>
#include <QByteArrayView>

struct evp_md_ctx_st;

namespace e2i {

class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    QByteArray hexResult(); // finishes the hash; call once

private:
    evp_md_ctx_st *m_context;
};

} // namespace e2i
