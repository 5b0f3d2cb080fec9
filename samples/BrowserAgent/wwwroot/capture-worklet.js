// Runs on the audio thread of an AudioContext created at the relay's input rate (16 kHz): the browser resamples the
// microphone to that rate; this processor cuts it into frames, converts them to 16-bit little-endian PCM, and posts
// each frame (transferred, not copied) with its loudness to the page.
class PcmCapture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.frame = new Float32Array(options.processorOptions.frameSamples);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    let read = 0;
    while (read < channel.length) {
      const n = Math.min(channel.length - read, this.frame.length - this.filled);
      this.frame.set(channel.subarray(read, read + n), this.filled);
      this.filled += n;
      read += n;
      if (this.filled === this.frame.length) this.flush();
    }
    return true;
  }

  flush() {
    const pcm = new Int16Array(this.frame.length);
    let sum = 0;
    for (let i = 0; i < this.frame.length; i++) {
      const s = Math.max(-1, Math.min(1, this.frame[i]));
      sum += s * s;
      pcm[i] = s < 0 ? s * 0x8000 : s * 0x7fff;
    }
    this.port.postMessage({ pcm: pcm.buffer, rms: Math.sqrt(sum / this.frame.length) }, [pcm.buffer]);
    this.filled = 0;
  }
}

registerProcessor('pcm-capture', PcmCapture);
