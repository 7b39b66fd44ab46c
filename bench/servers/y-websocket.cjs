// Benchmark child: the y-websocket 2.x reference server (bin/utils), in memory. Prints "READY <url>".
const http = require('node:http');
const { WebSocketServer } = require('ws');
const { setupWSConnection } = require('y-websocket/bin/utils');

const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ws://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
