// CommonJS consumer: the same, through require().
'use strict';
const { lockdown, harden } = require('permafrost/lockdown');
const { Compartment } = require('permafrost');
const { makeSESRootRealm } = require('permafrost/legacy');

lockdown({ reporting: 'none' });
const c = new Compartment({ __options__: true, globals: { double: harden(x => x * 2) } });
console.log(JSON.stringify([Object.isFrozen(harden({ a: {} }).a), c.evaluate('double(21)'), typeof makeSESRootRealm, eval('1 + 1')]));
