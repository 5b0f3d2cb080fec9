'use strict';
// Conformance driver: runs the official @google/genai JavaScript client (pinned in package.json) against the
// Live.Testing emulator and prints one JSON line per thing it saw, for OfficialClientConformanceTests to check.
//
//   node driver.js --base-url http://127.0.0.1:PORT --key KEY --scenario conversation|bad-key|bad-setup
//
// Every wait is bounded; a watchdog ends the process if the whole scenario takes too long.

const { GoogleGenAI, Modality } = require('@google/genai');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}

const STEP_MS = Number(args['step-timeout-ms'] || 10000);
const TOTAL_MS = Number(args['timeout-ms'] || 60000);
const MODEL = 'gemini-live-2.5-flash-preview';

function emit(event, data) {
  process.stdout.write(JSON.stringify({ event, ...data }) + '\n');
}

const watchdog = setTimeout(() => {
  emit('error', { message: `the scenario did not finish within ${TOTAL_MS} ms` });
  process.exit(2);
}, TOTAL_MS);

// Collects what the session callbacks deliver and lets the scenario wait for it, in order.
class Inbox {
  constructor() {
    this.messages = [];
    this.read = 0;
    this.close = null;
    this.waiters = [];
  }

  callbacks() {
    return {
      onopen: () => {},
      onmessage: (message) => { this.messages.push(message); this.wake(); },
      onerror: (e) => emit('onerror', { message: e && e.message ? String(e.message) : String(e) }),
      onclose: (e) => { this.close = { code: e.code, reason: e.reason, wasClean: e.wasClean }; this.wake(); },
    };
  }

  wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  // Resolves with the next unread message that satisfies the predicate; unread messages before it are returned too.
  async until(predicate, what) {
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      while (this.read < this.messages.length) {
        const message = this.messages[this.read++];
        if (predicate(message)) return message;
      }
      if (this.close) throw new Error(`connection closed (${this.close.code} ${this.close.reason}) while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  // Reads messages up to and including the one with turnComplete, returning them all.
  async turn(what) {
    const start = this.read;
    await this.until((m) => m.serverContent && m.serverContent.turnComplete, what);
    return this.messages.slice(start, this.read);
  }

  async closed() {
    const deadline = Date.now() + STEP_MS;
    while (!this.close && Date.now() < deadline) {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    if (!this.close) throw new Error('timed out waiting for onclose');
    return this.close;
  }
}

function client(key) {
  return new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: args['base-url'] } });
}

const CONFIG = {
  responseModalities: [Modality.TEXT],
  systemInstruction: 'You are a terse weather assistant.',
  temperature: 0.2,
  maxOutputTokens: 256,
  tools: [
    {
      functionDeclarations: [
        {
          name: 'get_weather',
          description: 'The current weather in a city.',
          parameters: {
            type: 'OBJECT',
            properties: {
              city: { type: 'STRING', description: 'City name, e.g. Tokyo' },
              unit: { type: 'STRING', enum: ['celsius', 'fahrenheit'] },
              days: { type: 'INTEGER', minimum: 1, maximum: 7 },
            },
            required: ['city'],
          },
        },
        {
          name: 'start_long_task',
          description: 'Starts a slow job.',
          behavior: 'NON_BLOCKING',
          parametersJsonSchema: { type: 'object', properties: { label: { type: 'string' } } },
        },
      ],
    },
  ],
  realtimeInputConfig: { automaticActivityDetection: { disabled: false, silenceDurationMs: 500 } },
  inputAudioTranscription: {},
  contextWindowCompression: { triggerTokens: '25600', slidingWindow: { targetTokens: '12800' } },
  sessionResumption: {},
};

// 0.2 s of a 440 Hz tone, 16-bit little-endian PCM at 16 kHz mono, base64.
function toneChunk() {
  const samples = 3200;
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / 16000)), i * 2);
  return pcm.toString('base64');
}

async function conversation() {
  const inbox = new Inbox();
  const session = await client(args.key).live.connect({ model: MODEL, config: CONFIG, callbacks: inbox.callbacks() });
  emit('connected', {});

  // A text turn.
  session.sendClientContent({ turns: 'Hello emulator' });
  const greeting = await inbox.turn('the greeting turn');
  emit('text_turn', {
    text: greeting.map((m) => m.text || '').join(''),
    chunks: greeting.filter((m) => m.text).length,
    generationComplete: greeting.some((m) => m.serverContent && m.serverContent.generationComplete),
  });

  // Streamed audio, answered with audio and a transcript.
  const chunk = toneChunk();
  session.sendRealtimeInput({ audio: { data: chunk, mimeType: 'audio/pcm;rate=16000' } });
  session.sendRealtimeInput({ audio: { data: chunk, mimeType: 'audio/pcm;rate=16000' } });
  session.sendRealtimeInput({ audioStreamEnd: true });
  const spoken = await inbox.turn('the audio turn');
  emit('audio_turn', {
    audioBytes: spoken.reduce((n, m) => n + (m.data ? Buffer.from(m.data, 'base64').length : 0), 0),
    transcript: spoken.map((m) => (m.serverContent && m.serverContent.outputTranscription ? m.serverContent.outputTranscription.text : '')).join(''),
  });

  // A tool call answered by this client.
  session.sendClientContent({ turns: 'What is the weather in Tokyo?' });
  const weather = await inbox.until((m) => m.toolCall, 'the get_weather tool call');
  emit('tool_call', { calls: weather.toolCall.functionCalls });
  const call = weather.toolCall.functionCalls[0];
  session.sendToolResponse({
    functionResponses: [{ id: call.id, name: call.name, response: { output: { temp_c: 18, sky: 'clear' } } }],
  });
  const answer = await inbox.turn('the answer using the tool output');
  emit('tool_answer', { text: answer.map((m) => m.text || '').join('') });

  // A tool call the model cancels.
  session.sendClientContent({ turns: 'Start the long task, please.' });
  const slow = await inbox.until((m) => m.toolCall, 'the start_long_task tool call');
  emit('tool_call', { calls: slow.toolCall.functionCalls });
  const cancellation = await inbox.until((m) => m.toolCallCancellation, 'the tool call cancellation');
  emit('tool_call_cancellation', { ids: cancellation.toolCallCancellation.ids });

  // Resumption handle, then goAway.
  const update = await inbox.until((m) => m.sessionResumptionUpdate, 'a session resumption update');
  emit('resumption_update', update.sessionResumptionUpdate);
  const goAway = await inbox.until((m) => m.goAway, 'goAway');
  emit('go_away', { timeLeft: goAway.goAway.timeLeft });

  session.close();
  emit('closed', await inbox.closed());
}

// A connection the emulator refuses: connect() must reject with the close code and reason.
async function rejected(key, config) {
  const inbox = new Inbox();
  try {
    await client(key).live.connect({ model: MODEL, config, callbacks: inbox.callbacks() });
    emit('connected', {});
  } catch (e) {
    emit('connect_rejected', { message: String(e && e.message ? e.message : e) });
  }
  emit('closed', await inbox.closed());
}

async function main() {
  switch (args.scenario) {
    case 'conversation':
      await conversation();
      break;
    case 'bad-key':
      await rejected('not-the-emulator-key', { responseModalities: [Modality.TEXT] });
      break;
    case 'bad-setup':
      await rejected(args.key, { responseModalities: [Modality.TEXT], temperature: 'very hot' });
      break;
    default:
      throw new Error(`unknown scenario ${args.scenario}`);
  }
  emit('done', {});
}

main().then(
  () => { clearTimeout(watchdog); process.exit(0); },
  (e) => { emit('error', { message: String(e && e.stack ? e.stack : e) }); process.exit(1); },
);
