// The page side of the Live.Tools relay protocol (docs/browser.md), with no framework:
//   page → server: binary = 16-bit LE mono PCM at ready.inputSampleRate; text = {"type":"text"|"audioStreamEnd"|…}
//   server → page: binary = the model's 16-bit LE mono PCM at ready.outputSampleRate; text = ready, transcript, text,
//                  toolCall, toolResult, toolCancelled, interrupted, turnComplete, audioFormat, error, closed.
// window.liveAgent exposes what happened (frames sent, samples played, transcript, tool activity) for tests and demos.
'use strict';

const FRAME_MS = 40;                 // microphone frames of 40 ms
const MAX_BUFFERED_BYTES = 64 * 1024; // ~2 s of 16 kHz audio waiting in the socket: beyond that, drop (backpressure)
const SPEECH_RMS = 0.02;             // loudness that counts as speech for the pause detector
const PAUSE_MS = 800;                // silence after speech that ends a turn when the server asks for it

const agent = window.liveAgent = {
  status: 'idle', mode: null, framesSent: 0, framesDropped: 0, bytesSent: 0, turnsEnded: 0,
  chunksReceived: 0, samplesReceived: 0, samplesPlayed: 0, samplesFlushed: 0, interruptions: 0,
  transcript: [], tools: [], errors: [],
};

const $ = (id) => document.getElementById(id);
let ws = null, micStream = null, captureContext = null, playContext = null, player = null;
let config = null, lastLine = null, heardSpeech = false, silentMs = 0;

function setStatus(text, kind) {
  agent.status = text;
  $('status').textContent = text;
  $('status').className = 'badge ' + (kind || '');
}

function addLine(list, cls, text) {
  const li = document.createElement('li');
  li.className = cls;
  li.textContent = text;
  $(list).appendChild(li);
  li.scrollIntoView({ block: 'nearest' });
  return li;
}

// Transcripts arrive in fragments: consecutive fragments of one speaker go on one line.
function addTranscript(role, text) {
  const last = agent.transcript[agent.transcript.length - 1];
  if (last && last.role === role && lastLine) {
    last.text += text;
    lastLine.textContent = last.text;
  } else {
    agent.transcript.push({ role, text });
    lastLine = addLine('transcript', role, text);
  }
}

async function start() {
  $('start').disabled = true;
  setStatus('connecting');
  config = await (await fetch('config.json')).json();
  agent.mode = config.mode;
  ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + config.relay);
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (event) => (typeof event.data === 'string' ? onControl(JSON.parse(event.data)) : onAudio(event.data));
  ws.onclose = (event) => { setStatus(event.code === 1000 ? 'closed' : 'closed (' + event.code + ')', event.code === 1000 ? '' : 'error'); stopAudio(); };
  ws.onerror = () => setStatus('connection error', 'error');
}

async function onControl(message) {
  switch (message.type) {
    case 'ready':
      await startAudio(message.inputSampleRate, message.outputSampleRate);
      setStatus('listening', 'live');
      $('stop').disabled = false; $('text').disabled = false; $('send').disabled = false;
      break;
    case 'transcript': addTranscript(message.role, message.text); break;
    case 'text': addTranscript('model', message.text); break;
    case 'toolCall':
      agent.tools.push({ kind: 'call', id: message.id, name: message.name, args: message.args });
      addLine('tools', 'call', `${message.name}(${JSON.stringify(message.args)})`);
      break;
    case 'toolResult':
      agent.tools.push({ kind: 'result', id: message.id, name: message.name, isError: message.isError, response: message.response });
      addLine('tools', message.isError ? 'failed' : 'result', `${message.name} → ${JSON.stringify(message.isError ? message.response.error : message.response.output)}`);
      break;
    case 'toolCancelled':
      agent.tools.push({ kind: 'cancelled', id: message.id, name: message.name });
      addLine('tools', 'note', `${message.name} cancelled by the model`);
      break;
    case 'interrupted':
      // Barge-in: the user spoke over the model. Stop playback now; what was queued is dropped.
      agent.interruptions++;
      $('interruptions').textContent = agent.interruptions;
      if (player) player.port.postMessage({ type: 'clear' });
      addLine('transcript', 'note', '(interrupted)');
      lastLine = null;
      break;
    case 'turnComplete': lastLine = null; break;
    case 'audioFormat': await startPlayback(message.sampleRate); break;
    case 'error':
      agent.errors.push(message);
      addLine('tools', 'failed', `${message.code}: ${message.message}`);
      break;
    case 'closed': setStatus('closed: ' + message.reason); break;
  }
}

function onAudio(buffer) {
  agent.chunksReceived++;
  agent.samplesReceived += buffer.byteLength / 2;
  if (player) player.port.postMessage(buffer, [buffer]);
}

async function startPlayback(rate) {
  if (playContext) await playContext.close();
  playContext = new AudioContext({ sampleRate: rate });
  await playContext.audioWorklet.addModule('playback-worklet.js');
  player = new AudioWorkletNode(playContext, 'pcm-player', { outputChannelCount: [1] });
  player.port.onmessage = (event) => {
    agent.samplesPlayed = event.data.played;
    agent.samplesFlushed = event.data.flushed;
    $('played').textContent = (event.data.played / rate).toFixed(1);
  };
  player.connect(playContext.destination);
  await playContext.resume();
}

async function startAudio(inputRate, outputRate) {
  await startPlayback(outputRate);
  micStream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
  captureContext = new AudioContext({ sampleRate: inputRate });
  await captureContext.audioWorklet.addModule('capture-worklet.js');
  const source = captureContext.createMediaStreamSource(micStream);
  const capture = new AudioWorkletNode(captureContext, 'pcm-capture', { processorOptions: { frameSamples: inputRate * FRAME_MS / 1000 } });
  capture.port.onmessage = (event) => onMicFrame(event.data.pcm, event.data.rms);
  const mute = captureContext.createGain();
  mute.gain.value = 0; // keeps the graph pulled without playing the microphone back
  source.connect(capture).connect(mute).connect(captureContext.destination);
  await captureContext.resume();
}

function onMicFrame(pcm, rms) {
  $('level').value = rms;
  if (!ws || ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    // The network or the server is behind: drop this frame rather than queue seconds of stale audio.
    agent.framesDropped++;
    $('dropped').textContent = agent.framesDropped;
    return;
  }
  ws.send(pcm);
  agent.framesSent++;
  agent.bytesSent += pcm.byteLength;
  $('sent').textContent = agent.framesSent;

  // The real service detects the end of speech itself; the offline emulator asks the page to say when the user paused.
  if (config.pauseEndsTurn) {
    if (rms >= SPEECH_RMS) { heardSpeech = true; silentMs = 0; }
    else if (heardSpeech && (silentMs += FRAME_MS) >= PAUSE_MS) {
      heardSpeech = false;
      agent.turnsEnded++;
      ws.send(JSON.stringify({ type: 'audioStreamEnd' }));
    }
  }
}

function stopAudio() {
  if (micStream) micStream.getTracks().forEach((t) => t.stop());
  if (captureContext) captureContext.close();
  micStream = captureContext = null;
  $('stop').disabled = true; $('text').disabled = true; $('send').disabled = true; $('start').disabled = false;
}

$('start').onclick = () => start().catch((e) => { agent.errors.push({ code: 'page', message: String(e) }); setStatus(String(e), 'error'); });
$('stop').onclick = () => { if (ws) ws.close(1000); stopAudio(); };
$('say').onsubmit = (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text || !ws || ws.readyState !== WebSocket.OPEN) return;
  ws.send(JSON.stringify({ type: 'text', text }));
  addTranscript('user', text);
  lastLine = null;
  $('text').value = '';
};
fetch('config.json').then((r) => r.json()).then((c) => { $('mode').textContent = c.mode === 'offline' ? 'offline: emulator' : 'online: Gemini Live'; });
