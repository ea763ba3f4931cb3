# The largest hostile files of issue 14, too slow to build in a debug test: 10^6 overlapping
# merges and 10^6 merges outside the used area (xlsx, from the base workbook tests/it/hostile.rs
# keeps), 10^6 overlapping ODS spans, and an ODS of 600,000 space runs.
#   python3 bench/make_hostile_big.py BASE.xlsx OUT_DIR
import zipfile, sys, io
src = sys.argv[1]; out = sys.argv[2]
z = zipfile.ZipFile(src)
sheet = z.read('xl/worksheets/sheet1.xml').decode()
at = sheet.index('</mergeCells>')
def write(name, extra):
    s = sheet[:at] + extra + sheet[at:]
    with zipfile.ZipFile(f'{out}/{name}', 'w', zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            if info.filename == 'xl/worksheets/sheet1.xml':
                w.writestr(info.filename, s)
            else:
                w.writestr(info.filename, z.read(info.filename))
write('million-overlapping-merges.xlsx', ''.join(f'<mergeCell ref="E{2+i%7}:F{12+i%11}"/>' for i in range(1_000_000)))
write('million-far-merges.xlsx', ''.join(f'<mergeCell ref="A{1000+2*i}:C{1001+2*i}"/>' for i in range(1_000_000)))
head = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S1">'
tail = '</table:table></office:spreadsheet></office:body></office:document-content>'
row = '<table:table-row><table:table-cell table:number-rows-spanned="1000000" table:number-columns-spanned="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
with zipfile.ZipFile(f'{out}/million-overlapping-spans.ods', 'w') as w:
    w.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
    w.writestr(zipfile.ZipInfo('content.xml'), head + row * 1_000_000 + tail, compress_type=zipfile.ZIP_DEFLATED)
# a 592 KB-class ODS of space runs
run = '<text:s text:c="1000"/>'
with zipfile.ZipFile(f'{out}/space-runs-big.ods', 'w') as w:
    w.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
    body = ''.join('<table:table-row><table:table-cell office:value-type="string"><text:p>x' + run * 3000 + '</text:p></table:table-cell></table:table-row>' for _ in range(200))
    w.writestr(zipfile.ZipInfo('content.xml'), head + body + tail, compress_type=zipfile.ZIP_DEFLATED)
