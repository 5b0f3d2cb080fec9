// Plays the model's audio: 16-bit PCM chunks are queued as they arrive (faster than real time) and played in order at
// the context's rate (24 kHz). "clear" drops everything queued at once: barge-in. It reports how many samples it
// actually played and how many it dropped, so the page (and a test) can tell what was heard.
class PcmPlayer extends AudioWorkletProcessor {
  constructor() {
    super();
    this.queue = [];      // Float32Array chunks
    this.offset = 0;      // read position in queue[0]
    this.buffered = 0;    // samples queued, not yet played
    this.played = 0;      // samples played since the start
    this.flushed = 0;     // samples dropped by "clear"
    this.sinceReport = 0;
    this.port.onmessage = (event) => {
      const data = event.data;
      if (data instanceof ArrayBuffer) {
        const pcm = new Int16Array(data);
        const chunk = new Float32Array(pcm.length);
        for (let i = 0; i < pcm.length; i++) chunk[i] = pcm[i] / 0x8000;
        this.queue.push(chunk);
        this.buffered += chunk.length;
      } else if (data && data.type === 'clear') {
        this.flushed += this.buffered;
        this.queue = [];
        this.offset = 0;
        this.buffered = 0;
        this.report();
      }
    };
  }

  process(_inputs, outputs) {
    const out = outputs[0][0];
    let written = 0;
    while (written < out.length && this.queue.length > 0) {
      const chunk = this.queue[0];
      const n = Math.min(out.length - written, chunk.length - this.offset);
      out.set(chunk.subarray(this.offset, this.offset + n), written);
      written += n;
      this.offset += n;
      if (this.offset === chunk.length) {
        this.queue.shift();
        this.offset = 0;
      }
    }
    out.fill(0, written);
    this.played += written;
    this.buffered -= written;
    this.sinceReport += out.length;
    if (this.sinceReport >= sampleRate / 20 || (written > 0 && this.buffered === 0)) this.report();
    return true;
  }

  report() {
    this.sinceReport = 0;
    this.port.postMessage({ played: this.played, buffered: this.buffered, flushed: this.flushed });
  }
}

registerProcessor('pcm-player', PcmPlayer);
