import { foldText } from '../../shared/i18n.js';

/**
 * Systems and devices the desk does not support (office software, networks, printers, other
 * agencies' information systems). A question that names one and none of ours is most likely about
 * it, even when it shares words such as "parool" or "viga" with an article.
 */
const OTHER_SYSTEMS = /\b(outlook\w*|teams\w*|windows\w*|excel\w*|powerpoint\w*|sharepoint\w*|onedrive\w*|zoom\w*|skype\w*|vpn\w*|wi-?fi\w*|wlan\w*|printer\w*|prindi\w*|skanner\w*|arvuti\w*|laptop\w*|sulearvuti\w*|e-?tervis\w*|digilugu\w*|ehis\w*|digidoc\w*|gmail\w*|facebook\w*)\b/;

export function namesOtherSystem(question: string): boolean {
  return OTHER_SYSTEMS.test(foldText(question));
}
