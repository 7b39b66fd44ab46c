// Benchmark child: a bare WebSocket relay that broadcasts bytes to the other clients of a room,
// with no Yjs at all — the floor this machine sets. Prints "READY <url>".
const http = require('node:http');
const { WebSocketServer } = require('ws');

const rooms = new Map();
const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => {
	const room = req.url;
	if (!rooms.has(room)) rooms.set(room, new Set());
	const peers = rooms.get(room);
	peers.add(ws);
	ws.on('message', (data) => {
		for (const p of peers) if (p !== ws && p.readyState === 1) p.send(data);
	});
	ws.on('close', () => peers.delete(ws));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ws://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
