// `npm run sign-in-link [BASE_URL]`: the process around signInLinkCommand.
import { signInLinkCommand } from './signInLinkCommand.ts';

const { code, out, err } = await signInLinkCommand(process.argv.slice(2), process.env);
if (out) console.log(out);
if (err) console.error(err);
process.exitCode = code;
