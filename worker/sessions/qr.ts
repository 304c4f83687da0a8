// The join address as a QR code, drawn in the Worker as SVG: no image service, nothing for the
// browser to fetch, and it prints sharp at any size on the poster.
import { renderSVG } from 'uqr';

/** An SVG QR code for a URL we built (never anyone's input). Medium error correction survives a crumpled poster. */
export function joinQrSvg(url: string): string {
  return renderSVG(url, { border: 2, ecc: 'M' });
}
