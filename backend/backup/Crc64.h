#pragma once
// CRC-64 as Redis computes it for RDB files (src/crc64.c): the "Jones"
// polynomial 0xad93d23594c935a9, reflected (0x95ac9329ac4bc9b5), initial value
// 0, no final xor. check("123456789") = 0xe9c6d914c4b8d9ca. Slicing-by-8, so
// verifying a large dump costs about as much as reading it from the page cache.
#include <QtGlobal>

#include <cstddef>

namespace e2i::crc64 {

quint64 update(quint64 crc, const char *data, std::size_t length);

} // namespace e2i::crc64
