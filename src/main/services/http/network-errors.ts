import type { AppError } from '@shared/api/errors';

/** A system error from DNS or a socket, in plain words. `where` names what was being reached. */
export function socketFailure(error: NodeJS.ErrnoException, host: string, address: string, where = host): AppError {
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_FAIL' || code === 'EAI_NODATA') {
    return { kind: 'dns', host, message: `The name ${host} could not be resolved (${code}).`, hint: 'Check the host name in the URL, or your DNS and VPN.' };
  }
  if (code === 'EAI_AGAIN') {
    return { kind: 'dns', host, message: `The DNS lookup of ${host} failed for now (EAI_AGAIN).`, hint: 'The DNS server did not answer: check your network or VPN, then try again.' };
  }
  if (code === 'ECONNREFUSED') {
    return { kind: 'connect', address, code, message: `${where} refused the connection at ${address}: nothing is listening there.`, hint: 'Is the server running, and is the port right?' };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT' || code === 'EADDRNOTAVAIL') {
    return { kind: 'connect', address, code, message: `${address} cannot be reached (${code}).`, hint: 'Check the address, your network, VPN and firewall; behind a corporate proxy, set the proxy of this endpoint.' };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return { kind: 'network', code, message: `${where} closed the connection (${code}).`, hint: 'The server or something between (proxy, firewall, load balancer) dropped the connection.' };
  }
  return { kind: 'network', code: code || undefined, message: `The connection to ${where} failed: ${error.message}` };
}
