'use strict';
// Runs the official @google/genai client's ai.authTokens.create against an HTTP server on 127.0.0.1 (ephemeral
// port) and writes what it sent (method, path, query, headers, body) as ../Vectors/auth_tokens_*.json.
//
//   npm install && node capture-auth-tokens.js          write the vectors
//   node capture-auth-tokens.js --check                 compare a fresh capture with the committed vectors
//
// Nothing leaves the loopback interface: the client's baseUrl is the local server.

const fs = require('fs');
const http = require('http');
const path = require('path');

for (const k of ['GOOGLE_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_GENAI_USE_VERTEXAI', 'GOOGLE_GEMINI_BASE_URL', 'GOOGLE_GENAI_API_VERSION']) delete process.env[k];
const { GoogleGenAI, Modality } = require('@google/genai');

const KEY = 'TEST_KEY';
const OUT = path.join(__dirname, '..', 'Vectors');
const SDK_VERSION = JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', '@google/genai', 'package.json'), 'utf8')).version;

const scenarios = {
  // No constraints: the token can open any Live session once, within the default expiry.
  auth_tokens_minimal: {},
  auth_tokens_uses_and_expiry: {
    uses: 2,
    expireTime: '2030-01-01T00:30:00Z',
    newSessionExpireTime: '2030-01-01T00:01:00Z',
  },
  // Locked model and config; every field of the config is locked (no lockAdditionalFields).
  auth_tokens_locked_config: {
    uses: 1,
    expireTime: '2030-01-01T00:30:00Z',
    newSessionExpireTime: '2030-01-01T00:01:00Z',
    liveConnectConstraints: {
      model: 'gemini-live-2.5-flash-preview',
      config: {
        responseModalities: [Modality.AUDIO],
        systemInstruction: 'Always answer in English.',
        temperature: 0.7,
        sessionResumption: {},
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
        tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather of a city.', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] } }] }],
        outputAudioTranscription: {},
      },
    },
  },
  // lockAdditionalFields: [] locks only the fields the constraints set.
  auth_tokens_lock_set_fields: {
    uses: 1,
    expireTime: '2030-01-01T00:30:00Z',
    liveConnectConstraints: {
      model: 'gemini-live-2.5-flash-preview',
      config: { responseModalities: [Modality.AUDIO], systemInstruction: 'Be brief.' },
    },
    lockAdditionalFields: [],
  },
  // lockAdditionalFields with names: the set fields plus those (generation-config names are prefixed).
  auth_tokens_lock_additional_fields: {
    uses: 1,
    expireTime: '2030-01-01T00:30:00Z',
    liveConnectConstraints: {
      model: 'gemini-live-2.5-flash-preview',
      config: { responseModalities: [Modality.AUDIO], temperature: 0.2 },
    },
    lockAdditionalFields: ['temperature', 'topK', 'systemInstruction'],
  },
};

async function capture() {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: { ...req.headers }, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'auth_tokens/captured-token' }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  const vectors = {};
  try {
    for (const [name, config] of Object.entries(scenarios)) {
      const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: `http://127.0.0.1:${port}`, apiVersion: 'v1alpha' } });
      const token = await ai.authTokens.create({ config });
      const r = requests.shift();
      const url = new URL(r.url, `http://127.0.0.1:${port}`);
      const headers = {};
      for (const k of Object.keys(r.headers).sort()) {
        if (k === 'host') headers[k] = '127.0.0.1:{port}';
        else headers[k] = r.headers[k].replace(/gl-node\/v[0-9.]+/g, 'gl-node/{node_version}');
      }
      vectors[name] = {
        sdk: `@google/genai ${SDK_VERSION}`,
        call: { config },
        request: {
          method: r.method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers,
          body: JSON.parse(r.body),
        },
        response: { name: token.name },
      };
    }
  } finally {
    server.close();
  }

  return vectors;
}

capture().then((vectors) => {
  const check = process.argv.includes('--check');
  let differences = 0;
  for (const [name, vector] of Object.entries(vectors)) {
    const file = path.join(OUT, `${name}.json`);
    const text = JSON.stringify(vector, null, 2) + '\n';
    if (check) {
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) { differences++; console.log(`differs: ${name}`); }
    } else {
      fs.mkdirSync(OUT, { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }

  if (check) { console.log(differences === 0 ? 'all vectors match' : `${differences} vector(s) differ`); process.exitCode = differences === 0 ? 0 : 1; }
}).catch((e) => { console.error(e); process.exitCode = 1; });
