/**
 * Objects: {@link dev.coffer.s3.object.ObjectWrites} (PutObject, DeleteObject, DeleteObjects),
 * {@link dev.coffer.s3.object.ObjectReads} (GetObject, HeadObject, GetObjectAttributes) and
 * {@link dev.coffer.s3.object.ObjectListings} (ListObjects v1/v2, ListObjectVersions). Every body and every
 * metadata value is encrypted under the object's data key before it reaches a disk.
 */
package dev.coffer.s3.object;
