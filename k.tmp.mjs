import { AsyncEntry } from '@napi-rs/keyring';
const opts = { linux: { store: 'secret-service' } };
const e = new AsyncEntry('SCIM Inspector', 'probe', opts);
try { console.log('get', await e.getPassword()); } catch (err) { console.log('get err', err.code, JSON.stringify(err.message)); }
try { await e.setPassword('x'); console.log('set ok'); console.log(await e.getPassword()); console.log(await e.deleteCredential()); } catch (err) { console.log('set err', err.code, JSON.stringify(err.message)); }
