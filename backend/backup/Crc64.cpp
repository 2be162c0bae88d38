#include "Crc64.h"

#include <QtEndian>

#include <array>
#include <cstring>

namespace e2i::crc64 {
namespace {

constexpr quint64 kReflectedPolynomial = 0x95ac9329ac4bc9b5ULL;
using Tables = std::array<std::array<quint64, 256>, 8>;

constexpr Tables makeTables()
{
    Tables tables{};
    for (quint64 byte = 0; byte < 256; ++byte) {
        quint64 crc = byte;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1) ? (crc >> 1) ^ kReflectedPolynomial : crc >> 1;
        tables[0][byte] = crc;
    }
    for (std::size_t byte = 0; byte < 256; ++byte)
        for (std::size_t slice = 1; slice < 8; ++slice)
            tables[slice][byte] = (tables[slice - 1][byte] >> 8) ^ tables[0][tables[slice - 1][byte] & 0xff];
    return tables;
}

constexpr Tables kTables = makeTables();

} // namespace

quint64 update(quint64 crc, const char *data, std::size_t length)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data);
    while (length >= 8) {
        quint64 word;
        std::memcpy(&word, bytes, 8);
        word = qToLittleEndian(word) ^ crc;
        crc = kTables[7][word & 0xff] ^ kTables[6][(word >> 8) & 0xff] ^ kTables[5][(word >> 16) & 0xff]
            ^ kTables[4][(word >> 24) & 0xff] ^ kTables[3][(word >> 32) & 0xff] ^ kTables[2][(word >> 40) & 0xff]
            ^ kTables[1][(word >> 48) & 0xff] ^ kTables[0][word >> 56];
        bytes += 8;
        length -= 8;
    }
    while (length-- > 0)
        crc = kTables[0][(crc ^ *bytes++) & 0xff] ^ (crc >> 8);
    return crc;
}

} // namespace e2i::crc64
