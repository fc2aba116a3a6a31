/** Hardened XML reading ({@link dev.coffer.server.xml.SafeXml}) and small, fast XML writing ({@link dev.coffer.server.xml.XmlWriter}). */
package dev.coffer.server.xml;
