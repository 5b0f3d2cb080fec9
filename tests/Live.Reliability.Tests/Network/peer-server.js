// A minimal, well-behaved Live API peer for the stopped-process test: accepts one WebSocket upgrade per connection,
// answers setup with setupComplete (and a resumable handle), answers pings with pongs. The test stops this process
// with SIGSTOP to make a peer that is there (the kernel still holds its sockets) but never answers again.
'use strict';
const net = require('net');
const crypto = require('crypto');

function frame(opcode, payload) {
  const len = payload.length;
  let header;
  if (len < 126) header = Buffer.from([0x80 | opcode, len]);
  else if (len < 65536) { header = Buffer.alloc(4); header[0] = 0x80 | opcode; header[1] = 126; header.writeUInt16BE(len, 2); }
  else { header = Buffer.alloc(10); header[0] = 0x80 | opcode; header[1] = 127; header.writeBigUInt64BE(BigInt(len), 2); }
  return Buffer.concat([header, payload]);
}

const server = net.createServer((socket) => {
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const request = buffer.slice(0, end).toString('latin1');
      buffer = buffer.slice(end + 4);
      const key = /Sec-WebSocket-Key:\s*(\S+)/i.exec(request)[1];
      const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ' + accept + '\r\n\r\n');
      upgraded = true;
    }
    while (buffer.length >= 2) {
      const opcode = buffer[0] & 0x0f;
      let len = buffer[1] & 0x7f;
      let offset = 2;
      if (len === 126) { if (buffer.length < 4) return; len = buffer.readUInt16BE(2); offset = 4; }
      else if (len === 127) { if (buffer.length < 10) return; len = Number(buffer.readBigUInt64BE(2)); offset = 10; }
      const masked = (buffer[1] & 0x80) !== 0;
      const mask = masked ? buffer.slice(offset, offset + 4) : null;
      if (masked) offset += 4;
      if (buffer.length < offset + len) return;
      const payload = Buffer.from(buffer.slice(offset, offset + len));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
      buffer = buffer.slice(offset + len);
      if (opcode === 0x9) socket.write(frame(0xA, payload));
      else if (opcode === 0x8) socket.end(frame(0x8, payload.slice(0, 2)));
      else if (opcode === 0x1 && payload.toString('utf8').includes('"setup"')) {
        socket.write(frame(0x1, Buffer.from('{"setupComplete":{}}')));
        socket.write(frame(0x1, Buffer.from('{"sessionResumptionUpdate":{"newHandle":"node-handle","resumable":true}}')));
      }
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
setTimeout(() => process.exit(0), 120000).unref(); // never outlives a test run by long
