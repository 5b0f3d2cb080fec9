// The official JavaScript SDK's client of the --peer mode (Modes/Peer.cs): the same phases as the library's client, with
// what an SDK user writes (ai.live.connect, onmessage, sendToolResponse, sendRealtimeInput). Prints one JSON line.
//   node client.mjs --port N --counts rttWarmup,rtt,recvWarmup,recv,sendWarmup,send
const processStart = process.hrtime.bigint() - BigInt(Math.round(process.uptime() * 1e9));
const arg = (name) => process.argv[process.argv.indexOf(`--${name}`) + 1];
const [rttWarmup, rttN, recvWarmup, recvN, sendWarmup, sendN] = arg('counts').split(',').map(Number);
const cpuUs = () => { const c = process.cpuUsage(); return c.user + c.system; };
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;

// Same PCM as Peer.MakePcm: a 440 Hz tone with a little noise, 3,200 bytes per chunk.
function makePcm(variant) {
  const pcm = Buffer.alloc(3200);
  let state = (0x2545F491 ^ Math.imul(variant, 7919)) >>> 0;
  for (let i = 0; i < 1600; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const tone = Math.trunc(8000 * Math.sin((2 * Math.PI * 440 * (i + variant * 1600)) / 16000));
    pcm.writeInt16LE(Math.max(-32768, Math.min(32767, tone + ((state >>> 16) & 0x3ff) - 512)), i * 2);
  }
  return pcm;
}
const chunks = Array.from({ length: 16 }, (_, v) => makePcm(v));

const inbox = [];
let waiting = null;
function expect(key) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${key} within 120 s`)), 120000);
    waiting = (got) => { clearTimeout(timer); waiting = null; got === key ? resolve() : reject(new Error(`expected ${key}, got ${got}`)); };
    if (inbox.length) waiting(inbox.shift());
  });
}

let phase = 'idle';
let session;
let rttCount = 0; let rttCpu0 = 0;
let recvCount = 0; let recvBytes = 0; let recvCpu0 = 0; let recvCpu = 0;

function onmessage(msg) {
  if (phase === 'rtt' && msg.toolCall) {
    const fc = msg.toolCall.functionCalls[0];
    session.sendToolResponse({ functionResponses: [{ id: fc.id, name: fc.name, response: { output: {
      location: fc.args.location, temperature: 24.5, unit: fc.args.unit, summary: 'clear skies', humidity: 0.62, wind_kph: 11.3,
      observed_at: '2026-11-23T12:00:00Z' } } }] });
    if (++rttCount === rttWarmup) rttCpu0 = cpuUs();
    return;
  }
  if (phase === 'recv' && msg.serverContent) {
    for (const part of msg.serverContent.modelTurn?.parts ?? []) {
      if (part.inlineData?.data) recvBytes += Buffer.from(part.inlineData.data, 'base64').length;
    }
    if (++recvCount === recvWarmup) { recvCpu0 = cpuUs(); recvBytes = 0; }
    else if (recvCount === recvWarmup + recvN) recvCpu = cpuUs() - recvCpu0;
    return;
  }
  for (const key of ['benchAck', 'benchDone']) {
    if (msg[key]) { if (waiting) waiting(key); else inbox.push(key); }
  }
}

// "First connect" runs from constructing the client to the session being ready, as in the figures of issue 17; loading
// the SDK's modules comes before it and is reported apart (importMs).
const importStart = process.hrtime.bigint();
const { GoogleGenAI } = await import('@google/genai');
const importMs = ms(importStart);
const connectStart = process.hrtime.bigint();
const ai = new GoogleGenAI({ apiKey: 'bench-key', httpOptions: { baseUrl: `http://127.0.0.1:${arg('port')}` } });
session = await ai.live.connect({
  model: 'gemini-live-2.5-flash-preview',
  config: {
    responseModalities: ['AUDIO'],
    tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Current weather for a city.',
      parameters: { type: 'OBJECT', properties: { location: { type: 'STRING' }, unit: { type: 'STRING' }, days: { type: 'INTEGER' } }, required: ['location'] } }] }],
  },
  callbacks: { onmessage, onerror: (e) => { console.error(e); process.exit(2); } },
});
const result = { connectMs: ms(connectStart), importMs, startupToConnectedMs: ms(processStart) };
const command = (text) => session.sendClientContent({ turns: [{ role: 'user', parts: [{ text }] }], turnComplete: true });

phase = 'rtt';
command(`bench rtt warmup=${rttWarmup} n=${rttN}`);
await expect('benchDone');
result.rttCpuUs = (cpuUs() - rttCpu0) / rttN;

phase = 'recv';
command(`bench recv warmup=${recvWarmup} n=${recvN}`);
await expect('benchDone');
if (recvCount !== recvWarmup + recvN || recvBytes !== recvN * 3200) throw new Error(`recv: ${recvCount} messages, ${recvBytes} bytes`);
result.recvCpuUs = recvCpu / recvN;

phase = 'send';
command(`bench send warmup=${sendWarmup} n=${sendN}`);
const sendAudio = (i) => session.sendRealtimeInput({ audio: { data: chunks[i % 16].toString('base64'), mimeType: 'audio/pcm;rate=16000' } });
for (let i = 0; i < sendWarmup; i++) sendAudio(i);
await expect('benchAck');
const sendCpu0 = cpuUs();
for (let i = 0; i < sendN; i++) sendAudio(i);
await expect('benchAck');
result.sendCpuUs = (cpuUs() - sendCpu0) / sendN;
await expect('benchDone');
result.peakRssMiB = process.resourceUsage().maxRSS / 1024;
session.close();
console.log(JSON.stringify(result));
setTimeout(() => process.exit(0), 100);
