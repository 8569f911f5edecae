"""Write ``resources/sounds/alert.wav``: the alert banner's sound.

A casino floor is loud (60-80 dB of machines, music and voices): the alert is three
rising two-tone pulses (988 Hz then 1319 Hz, B5 and E6, where the floor's hum and
voices are thin and the ear is most sensitive), at 90 % of full scale, each pulse with
short fades so it clicks on no speaker. About 1.2 s: long enough to turn a head, short
enough not to mask speech. Standard library only; run ``python -m tools.make_alert_sound``.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050  # Hz: plenty for tones under 2 kHz, and a small file
AMPLITUDE = 0.9  # of full scale: loud, with headroom against clipping
TONES = (988.0, 1319.0)  # B5, E6
PULSE_S, GAP_S, PULSES = 0.16, 0.04, 3
FADE_S = 0.008
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "alert.wav"


def samples() -> list[int]:
    out: list[int] = []
    for _pulse in range(PULSES):
        for tone in TONES:
            n = int(PULSE_S * RATE)
            fade = int(FADE_S * RATE)
            for i in range(n):
                envelope = min(1.0, i / fade, (n - 1 - i) / fade)
                value = AMPLITUDE * envelope * math.sin(2 * math.pi * tone * i / RATE)
                out.append(round(value * 32767))
            out.extend([0] * int(GAP_S * RATE))
        out.extend([0] * int(2 * GAP_S * RATE))
    return out


def write(path: Path = OUT) -> Path:
    data = samples()
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(struct.pack(f"<{len(data)}h", *data))
    return path


if __name__ == "__main__":
    print(write())
